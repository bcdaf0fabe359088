import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type UserSession = InferResponseType<typeof api.api.auth.sessions.$get, 200>['sessions'][number];

export const sessionsQueryKey = ['auth', 'sessions'] as const;

export function sessionsQueryOptions() {
  return queryOptions({
    queryKey: sessionsQueryKey,
    queryFn: ({ signal }) =>
      unwrap(api.api.auth.sessions.$get(undefined, { init: { signal } })).then((b) => b.sessions),
    staleTime: 30_000,
  });
}

/** The signed-in user's open sessions (this browser marked), newest first. */
export function useSessions() {
  return useQuery(sessionsQueryOptions());
}
