import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { LeadFilterParams } from '../../../lib/filters';

export type CumulativeTrend = InferResponseType<typeof api.api.metrics.trend.$get, 200>;

/** The quarter's first day to the day after as-of (exclusive), with the lead filters. */
export type CumulativeFilter = LeadFilterParams & { from: string; to: string };

export function cumulativeQueryOptions(filter: CumulativeFilter) {
  return queryOptions({
    queryKey: ['metrics', 'trend', 'pacing', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics.trend.$get(
          { query: { ...filter, grain: 'week', series: ['leads', 'salesReady', 'revenue'] } },
          { init: { signal } },
        ),
      ),
    staleTime: 60_000,
  });
}

/**
 * Leads, SRLs and won revenue per week from the quarter's first day to the as-of day: the actual
 * line of the cumulative chart (the same event counts as pacing's actuals). Pipeline has no series.
 */
export function useCumulative(filter: CumulativeFilter | null) {
  return useQuery({
    ...cumulativeQueryOptions(filter ?? { from: '', to: '' }),
    enabled: filter !== null,
  });
}
