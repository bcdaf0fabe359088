import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { GlobalFilter } from '../../../lib/filters';

export type Attribution = InferResponseType<typeof api.api.metrics.attribution.$get, 200>;
export type Contribution = Attribution['marketing']['pipeline'];

export function attributionQueryOptions(filter: GlobalFilter) {
  return queryOptions({
    queryKey: ['metrics', 'attribution', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.metrics.attribution.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Marketing-sourced and -influenced pipeline and revenue, and won revenue by attribution model. */
export function useAttribution(filter: GlobalFilter) {
  return useQuery({ ...attributionQueryOptions(filter), placeholderData: keepPreviousData });
}
