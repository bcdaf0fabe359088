import { type GlobalFilter, parseGlobalFilter, serializeGlobalFilter } from '../../lib/filters';
import { parseEnumParam, type UrlSchema, useUrlState } from '../../lib/url-state';

export const cohortGrains = ['quarter', 'month'] as const;
export type CohortGrain = (typeof cohortGrains)[number];
export const cohortMetrics = ['salesReady', 'won'] as const;
export type CohortMetric = (typeof cohortMetrics)[number];

/**
 * What the cohort report is asked for. No period means the eight fiscal quarters up to this one;
 * a single quarter is split by month unless the URL says otherwise.
 */
export type CohortsFilter = GlobalFilter & { grain: CohortGrain };

export interface CohortsUrl {
  filter: CohortsFilter;
  /** Which conversion the heatmap shows; the same answer serves both, so it is not part of the query. */
  metric: CohortMetric;
}

const cohortsUrl: UrlSchema<CohortsUrl> = {
  parse: (params) => {
    const global = parseGlobalFilter(params);
    const fallback: CohortGrain = global.quarter ? 'month' : 'quarter';
    return {
      filter: { ...global, grain: parseEnumParam(params.get('grain'), cohortGrains) ?? fallback },
      metric: parseEnumParam(params.get('metric'), cohortMetrics) ?? 'salesReady',
    };
  },
  serialize: ({ filter, metric }) => ({
    ...serializeGlobalFilter(filter),
    grain: filter.grain === (filter.quarter ? 'month' : 'quarter') ? undefined : filter.grain,
    metric: metric === 'salesReady' ? undefined : metric,
  }),
};

export function useCohortsUrl() {
  return useUrlState(cohortsUrl);
}
