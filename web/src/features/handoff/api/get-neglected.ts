import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { type WaitingFilter, waitingPageSize } from '../handoff-filter';

export type NeglectedPage = InferResponseType<typeof api.api.metrics.handoff.neglected.$get, 200>;
export type NeglectedRow = NeglectedPage['rows'][number];

export function neglectedQueryOptions(filter: WaitingFilter) {
  return queryOptions({
    queryKey: ['metrics', 'handoff', 'neglected', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics.handoff.neglected.$get(
          { query: { ...filter, page: String(filter.page), pageSize: String(waitingPageSize) } },
          { init: { signal } },
        ),
      ),
    staleTime: 30_000,
  });
}

/** Sales-ready leads waiting now past the SLA with no sales touch, longest waiting first. */
export function useNeglected(filter: WaitingFilter, enabled = true) {
  return useQuery({ ...neglectedQueryOptions(filter), placeholderData: keepPreviousData, enabled });
}
