import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { OverviewFilter } from '../overview-filter';

/** Weeks a sparkline draws: a quarter's worth, whatever day of the quarter it is. */
export const sparklineWeeks = 13;
/** Every KPI tile draws its own series. */
const sparklineSeries = ['leads', 'salesReady', 'salesReadyRate', 'revenue', 'medianDaysToSalesReady'];

export function sparklinesQueryOptions(filter: OverviewFilter) {
  return queryOptions({
    queryKey: ['metrics', 'trend', 'sparklines', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics.trend.$get(
          {
            query: { ...filter, grain: 'week', recentWeeks: String(sparklineWeeks), series: sparklineSeries },
          },
          { init: { signal } },
        ),
      ),
    staleTime: 60_000,
  });
}

/**
 * Each KPI over the last 13 weeks up to today (the quarter's last 13 once it has ended), for the
 * tiles' sparklines: in a quarter's first weeks the quarter alone would be a dot.
 */
export function useSparklines(filter: OverviewFilter, enabled = true) {
  return useQuery({ ...sparklinesQueryOptions(filter), enabled, placeholderData: keepPreviousData });
}
