import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export function authStatusQueryOptions() {
  return queryOptions({
    queryKey: ['auth', 'status'] as const,
    queryFn: ({ signal }) => unwrap(api.api.auth.status.$get(undefined, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Whether the first admin still has to be created, and the demo account when this is the demo. */
export function useAuthStatus() {
  return useQuery(authStatusQueryOptions());
}
