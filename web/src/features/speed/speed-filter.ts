import { type GlobalFilter, parseGlobalFilter, serializeGlobalFilter } from '../../lib/filters';
import { type UrlSchema, useUrlState } from '../../lib/url-state';

/** The page's filters as they stand in the URL: the period (quarter or range) and the shared lead filters. */
export type SpeedFilter = GlobalFilter;

const speedUrl: UrlSchema<SpeedFilter> = {
  parse: (params) => parseGlobalFilter(params),
  serialize: (filter) => serializeGlobalFilter(filter),
};

export function useSpeedFilter() {
  return useUrlState(speedUrl);
}
