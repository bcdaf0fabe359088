import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { type WaitingFilter, waitingPageSize } from '../handoff-filter';

export type StalledPage = InferResponseType<typeof api.api.metrics.handoff.stalled.$get, 200>;
export type StalledRow = StalledPage['rows'][number];

export function stalledQueryOptions(filter: WaitingFilter) {
  return queryOptions({
    queryKey: ['metrics', 'handoff', 'stalled', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics.handoff.stalled.$get(
          { query: { ...filter, page: String(filter.page), pageSize: String(waitingPageSize) } },
          { init: { signal } },
        ),
      ),
    staleTime: 30_000,
  });
}

/** Open sales-ready leads with no touch and no stage change for the stalled days, quietest first. */
export function useStalled(filter: WaitingFilter, enabled = true) {
  return useQuery({ ...stalledQueryOptions(filter), placeholderData: keepPreviousData, enabled });
}
