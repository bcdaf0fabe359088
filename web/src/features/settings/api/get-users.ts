import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type TeamMember = InferResponseType<typeof api.api.users.$get, 200>['users'][number];
export type Role = TeamMember['role'];

export const usersQueryKey = ['users'] as const;

export function usersQueryOptions() {
  return queryOptions({
    queryKey: usersQueryKey,
    queryFn: ({ signal }) => unwrap(api.api.users.$get(undefined, { init: { signal } })).then((b) => b.users),
    staleTime: 30_000,
  });
}

/** Everyone with an account or an open invitation (admins). */
export function useUsers() {
  return useQuery(usersQueryOptions());
}
