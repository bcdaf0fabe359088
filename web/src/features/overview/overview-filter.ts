import { parseQuarterParam, type UrlSchema, useUrlState } from '../../lib/url-state';

/** The overview's filters, as they stand in the URL. No quarter means the current fiscal quarter. */
// A type alias, not an interface: it must fit the API client's query type (an index signature).
export type OverviewFilter = {
  quarter?: string;
};

const overviewUrl: UrlSchema<OverviewFilter> = {
  parse: (params) => {
    const quarter = parseQuarterParam(params.get('quarter'));
    return quarter ? { quarter } : {};
  },
  serialize: (filter) => ({ quarter: filter.quarter }),
};

export function useOverviewFilter() {
  return useUrlState(overviewUrl);
}
