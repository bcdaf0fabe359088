import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type UserSession = InferResponseType<typeof api.api.auth.sessions.$get, 200>['sessions'][number];

export const sessionsQueryKey = ['auth', 'sessions'] as const;

export const sessionsQueryOptions = () =>
  listQueryOptions(sessionsQueryKey, api.api.auth.sessions, 'sessions', { staleTime: 30_000 });

/** The signed-in user's open sessions (this browser marked), newest first. */
export const useSessions = () => useQuery(sessionsQueryOptions());
