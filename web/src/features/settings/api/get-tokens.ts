import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type ApiToken = InferResponseType<typeof api.api.tokens.$get, 200>['tokens'][number];

export const tokensQueryKey = ['tokens'] as const;

export const tokensQueryOptions = () =>
  listQueryOptions(tokensQueryKey, api.api.tokens, 'tokens', { staleTime: 30_000 });

/** The ingestion API's tokens (admins): name, prefix, when made and last used, revoked or not. */
export const useTokens = () => useQuery(tokensQueryOptions());
