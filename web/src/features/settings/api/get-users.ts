import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type TeamMember = InferResponseType<typeof api.api.users.$get, 200>['users'][number];
export type Role = TeamMember['role'];

export const usersQueryKey = ['users'] as const;

export const usersQueryOptions = () =>
  listQueryOptions(usersQueryKey, api.api.users, 'users', { staleTime: 30_000 });

/** Everyone with an account or an open invitation (admins). */
export const useUsers = () => useQuery(usersQueryOptions());
