import { keepPreviousData, type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { type OverviewFilter, parseOverviewFilter } from '../overview-filter';

export type Overview = InferResponseType<typeof api.api.metrics.overview.$get, 200>;
export type KpiKey = keyof Overview['kpis'];
export type Kpi = Overview['kpis'][KpiKey];

export function overviewQueryOptions(filter: OverviewFilter) {
  return queryOptions({
    queryKey: ['metrics', 'overview', filter] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.overview.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Headline KPIs of the quarter with the previous quarter's and the year-ago quarter's. */
export function useOverview(filter: OverviewFilter) {
  // Keep the last quarter on screen while the next one loads, rather than flashing skeletons.
  return useQuery({ ...overviewQueryOptions(filter), placeholderData: keepPreviousData });
}

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
