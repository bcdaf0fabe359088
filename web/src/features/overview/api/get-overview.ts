import type { QueryClient } from '@tanstack/react-query';
import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import { type OverviewFilter, parseOverviewFilter } from '../overview-filter';

export type Overview = MetricAnswer<'overview'>;
export type KpiKey = keyof Overview['kpis'];
export type Kpi = Overview['kpis'][KpiKey];

export const overviewQueryOptions = (filter: OverviewFilter) => metricQueryOptions('overview', filter);

/** Headline KPIs of the quarter with the previous quarter's and the year-ago quarter's. */
export const useOverview = (filter: OverviewFilter) => useMetricQuery(overviewQueryOptions(filter));

/**
 * The KPIs of the overview at `search`, asked for from the URL alone (the server names the quarter)
 * so the request leaves with the session check; a 401 goes to the query cache's sign-out handler.
 * Skipped once the query is in the cache, in any state: the page's own observer takes it from there.
 */
export function prefetchOverview(queryClient: QueryClient, search: string): Promise<void> {
  const options = overviewQueryOptions(parseOverviewFilter(search));
  if (queryClient.getQueryState(options.queryKey)) return Promise.resolve();
  return queryClient.prefetchQuery(options);
}
