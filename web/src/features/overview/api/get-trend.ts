import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { OverviewFilter } from '../overview-filter';

export type Trend = InferResponseType<typeof api.api.metrics.trend.$get, 200>;

/** The weekly chart draws leads and SRLs; every KPI tile draws its own series as a sparkline. */
const sparklineSeries = ['leads', 'salesReady', 'salesReadyRate', 'revenue', 'medianDaysToSalesReady'];

export function trendQueryOptions(filter: OverviewFilter) {
  return queryOptions({
    queryKey: ['metrics', 'trend', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics.trend.$get(
          { query: { ...filter, grain: 'week', series: sparklineSeries } },
          { init: { signal } },
        ),
      ),
    staleTime: 60_000,
  });
}

/** Each KPI per week of the quarter (leads and SRLs against the quarter's targets). */
export function useTrend(filter: OverviewFilter) {
  return useQuery({ ...trendQueryOptions(filter), placeholderData: keepPreviousData });
}
