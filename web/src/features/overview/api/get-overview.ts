import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { OverviewFilter } from '../overview-filter';

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
