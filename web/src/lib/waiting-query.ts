import { queryOptions } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, unwrap } from './api-client';
import type { GlobalFilter, LeadFilterParams } from './filters';

type Lists = typeof api.api.metrics.handoff;
/** The sales-ready leads waiting on sales: past the SLA untouched, or stalled. */
export type WaitingList = 'neglected' | 'stalled';
export type WaitingPage<L extends WaitingList> = InferResponseType<Lists[L]['$get'], 200>;
type WaitingParams = InferRequestType<Lists[WaitingList]['$get']>['query'];

function readWaiting<L extends WaitingList>(list: L, query: WaitingParams, signal: AbortSignal) {
  const get = api.api.metrics.handoff[list].$get as Lists['neglected']['$get'];
  return unwrap(get({ query }, { init: { signal } })) as Promise<WaitingPage<L>>;
}

/** One page of a list as the hand-off page shows it; it moves as leads are touched, so 30 s fresh. */
export function waitingPageQueryOptions<L extends WaitingList, F extends GlobalFilter & { page: number }>(
  list: L,
  filter: F,
  pageSize: number,
) {
  return queryOptions({
    queryKey: ['metrics', 'handoff', list, filter] as const,
    queryFn: ({ signal }) =>
      readWaiting(list, { ...filter, page: String(filter.page), pageSize: String(pageSize) }, signal),
    staleTime: 30_000,
  });
}

/** How many leads a list holds now, with `pick` keeping the figures shown beside the count. */
export function waitingCountQueryOptions<L extends WaitingList, C>(
  list: L,
  filter: LeadFilterParams,
  pick: (page: WaitingPage<L>) => C,
) {
  return queryOptions({
    queryKey: ['metrics', 'handoff', list, 'count', filter] as const,
    queryFn: ({ signal }) => readWaiting(list, { ...filter, page: '1', pageSize: '1' }, signal).then(pick),
    staleTime: 60_000,
  });
}
