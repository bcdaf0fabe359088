import type { MetricView } from '../../components/view-toggle';
import { type GlobalFilter, parseGlobalFilter, serializeGlobalFilter } from '../../lib/filters';
import { parseEnumParam, type UrlSchema, useUrlState } from '../../lib/url-state';

/** What the by-source report is asked for: the shared filters and the view (cohort unless `view=period`). */
export type SourcesFilter = GlobalFilter & { view: MetricView };

export const sourceSortKeys = [
  'source',
  'leads',
  'mqls',
  'salesReady',
  'salesReadyRate',
  'medianDaysToSalesReady',
  'p75DaysToSalesReady',
  'opportunities',
  'salesReadyToOpportunity',
  'won',
  'opportunityToWon',
  'wonRate',
  'revenue',
  'spend',
  'costPerLead',
  'costPerSalesReady',
  'costPerOpportunity',
  'costPerWon',
  'cac',
] as const;
export type SourceSortKey = (typeof sourceSortKeys)[number];

/** The page's URL: the report's filter (the query key) and how the table is laid out (not refetched). */
export interface SourcesUrl {
  filter: SourcesFilter;
  sort: SourceSortKey;
  order: 'asc' | 'desc';
  /** Rows grouped by category with subtotals (default), or one list. */
  grouped: boolean;
}

const sourcesUrl: UrlSchema<SourcesUrl> = {
  parse: (params) => ({
    filter: {
      ...parseGlobalFilter(params),
      view: parseEnumParam(params.get('view'), ['period'] as const) ?? 'cohort',
    },
    sort: parseEnumParam(params.get('sort'), sourceSortKeys) ?? 'leads',
    order: parseEnumParam(params.get('order'), ['asc', 'desc'] as const) ?? 'desc',
    grouped: params.get('group') !== 'none',
  }),
  serialize: ({ filter, sort, order, grouped }) => ({
    ...serializeGlobalFilter(filter),
    view: filter.view === 'cohort' ? undefined : filter.view,
    sort: sort === 'leads' ? undefined : sort,
    order: order === 'desc' ? undefined : order,
    group: grouped ? undefined : 'none',
  }),
};

export function useSourcesUrl() {
  return useUrlState(sourcesUrl);
}
