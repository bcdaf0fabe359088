import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { FunnelFilter } from '../funnel-filter';

export type Funnel = InferResponseType<typeof api.api.metrics.funnel.$get, 200>;
export type FunnelStep = Funnel['stages'][number];

export function funnelQueryOptions(filter: FunnelFilter) {
  return queryOptions({
    queryKey: ['metrics', 'funnel', filter] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.funnel.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Counts per stage, step and cumulative conversion, drop-off, days in stage and data anomalies. */
export function useFunnel(filter: FunnelFilter) {
  return useQuery({ ...funnelQueryOptions(filter), placeholderData: keepPreviousData });
}
