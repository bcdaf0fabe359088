import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type ApiToken = InferResponseType<typeof api.api.tokens.$get, 200>['tokens'][number];

export const tokensQueryKey = ['tokens'] as const;

export function tokensQueryOptions() {
  return queryOptions({
    queryKey: tokensQueryKey,
    queryFn: ({ signal }) =>
      unwrap(api.api.tokens.$get(undefined, { init: { signal } })).then((body) => body.tokens),
    staleTime: 30_000,
  });
}

/** The ingestion API's tokens (admins): name, prefix, when made and last used, revoked or not. */
export function useTokens() {
  return useQuery(tokensQueryOptions());
}
