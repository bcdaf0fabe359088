import { type GlobalFilter, parseGlobalFilter, serializeGlobalFilter } from '../../lib/filters';
import { parseEnumParam, type UrlSchema, useUrlState } from '../../lib/url-state';

/**
 * The overview's filters, as they stand in the URL: a fiscal quarter (none means the current one)
 * and the lead filters the other pages share. The overview compares whole quarters, so a custom
 * range is not offered here.
 */
// A type alias, not an interface: it must fit the API client's query type (an index signature).
export type OverviewFilter = Omit<GlobalFilter, 'from' | 'to'>;

const overviewUrl: UrlSchema<OverviewFilter> = {
  parse: (params) => {
    const { from: _from, to: _to, ...filter } = parseGlobalFilter(params);
    return filter;
  },
  serialize: (filter) => serializeGlobalFilter(filter),
};

export function useOverviewFilter() {
  return useUrlState(overviewUrl);
}

/** The filter `useOverviewFilter` reads from this query string: the same object, so the same query key. */
export function parseOverviewFilter(search: string): OverviewFilter {
  return overviewUrl.parse(new URLSearchParams(search));
}

const gapMetrics = ['leads', 'salesReady', 'pipeline', 'revenue'] as const;
export type GapMetric = (typeof gapMetrics)[number];

/** The gap panel's metric (`?metric=`; sales-ready leads unless set): layout only, not a query key. */
const gapMetricUrl: UrlSchema<GapMetric> = {
  parse: (params) => parseEnumParam(params.get('metric'), gapMetrics) ?? 'salesReady',
  serialize: (metric) => ({ metric: metric === 'salesReady' ? undefined : metric }),
};

export function useGapMetric() {
  return useUrlState(gapMetricUrl);
}
