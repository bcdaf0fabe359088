import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, isApiError, unwrap } from './api-client';

export type SessionUser = InferResponseType<typeof api.api.auth.me.$get>['user'];

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in user, or null when signed out (a 401 here is an answer, not an error). */
export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: async ({ signal }): Promise<SessionUser | null> => {
      try {
        const body = await unwrap(api.api.auth.me.$get(undefined, { init: { signal } }));
        return body.user;
      } catch (error) {
        if (isApiError(error, 'unauthorized')) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useMe() {
  return useQuery(meQueryOptions());
}
