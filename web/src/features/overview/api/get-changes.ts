import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { OverviewFilter } from '../overview-filter';

export type Changes = InferResponseType<typeof api.api.metrics.changes.$get, 200>;
export type Change = Changes['changes'][number];

export function changesQueryOptions(filter: OverviewFilter) {
  return queryOptions({
    queryKey: ['metrics', 'changes', filter] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.changes.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** The three source changes that moved SRLs or pipeline most against the previous quarter, in words. */
export function useChanges(filter: OverviewFilter, enabled = true) {
  return useQuery({ ...changesQueryOptions(filter), enabled, placeholderData: keepPreviousData });
}
