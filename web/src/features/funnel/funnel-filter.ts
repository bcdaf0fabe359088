import type { MetricView } from '../../components/view-toggle';
import { type GlobalFilter, parseGlobalFilter, serializeGlobalFilter } from '../../lib/filters';
import { parseEnumParam, type UrlSchema, useUrlState } from '../../lib/url-state';

/** The funnel's filters as they stand in the URL: the shared ones and the view (cohort unless `view=period`). */
export type FunnelFilter = GlobalFilter & { view: MetricView };

const funnelUrl: UrlSchema<FunnelFilter> = {
  parse: (params) => ({
    ...parseGlobalFilter(params),
    view: parseEnumParam(params.get('view'), ['period'] as const) ?? 'cohort',
  }),
  serialize: (filter) => ({
    ...serializeGlobalFilter(filter),
    view: filter.view === 'cohort' ? undefined : filter.view,
  }),
};

export function useFunnelFilter() {
  return useUrlState(funnelUrl);
}
