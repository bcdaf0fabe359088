import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type ImportHistoryRow = InferResponseType<typeof api.api.imports.$get, 200>['imports'][number];

export function importHistoryQueryOptions() {
  return queryOptions({
    queryKey: ['imports', 'history'] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.imports.$get({ query: { limit: '50' } }, { init: { signal } })).then(
        (body) => body.imports,
      ),
    staleTime: 10_000,
  });
}

/** The 50 latest imports, newest first; refreshed while one of them is still running. */
export function useImportHistory() {
  return useQuery({
    ...importHistoryQueryOptions(),
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === 'running') ? 2_000 : false),
  });
}
