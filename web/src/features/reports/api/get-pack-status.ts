import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type PackStatus = InferResponseType<typeof api.api.reports.freeze.$get, 200>;

export const packStatusKey = (quarter: string | undefined) => ['reports', 'freeze', quarter ?? null] as const;

export function packStatusQueryOptions(quarter: string | undefined) {
  return queryOptions({
    queryKey: packStatusKey(quarter),
    queryFn: ({ signal }) =>
      unwrap(api.api.reports.freeze.$get({ query: quarter ? { quarter } : {} }, { init: { signal } })),
    staleTime: 30_000,
  });
}

/** Whether a quarter is open or closed, its frozen figures' hash, and which quarter is today's. */
export function usePackStatus(quarter: string | undefined) {
  return useQuery(packStatusQueryOptions(quarter));
}
