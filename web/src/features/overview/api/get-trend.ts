import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { OverviewFilter } from '../overview-filter';

export type Trend = InferResponseType<typeof api.api.metrics.trend.$get, 200>;
export type Targets = NonNullable<Trend['targets']>;

/** The quarter's targets: every answer for the quarter's weeks has them (only recent weeks do not). */
export function targetsOf(trend: Trend): Targets {
  return trend.targets ?? { leads: null, salesReady: null };
}

/** The weekly chart draws leads and SRLs against their targets. */
const chartSeries = ['leads', 'salesReady'];

export function trendQueryOptions(filter: OverviewFilter) {
  return queryOptions({
    queryKey: ['metrics', 'trend', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics.trend.$get(
          { query: { ...filter, grain: 'week', series: chartSeries } },
          { init: { signal } },
        ),
      ),
    staleTime: 60_000,
  });
}

/** Leads and SRLs per week of the quarter, against the quarter's targets. */
export function useTrend(filter: OverviewFilter, enabled = true) {
  return useQuery({ ...trendQueryOptions(filter), enabled, placeholderData: keepPreviousData });
}
