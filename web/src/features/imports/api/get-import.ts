import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type ImportRun = InferResponseType<(typeof api.api.imports)[':id']['$get'], 200>;
export type ImportProblem = ImportRun['errors'][number];

export function importQueryOptions(id: number) {
  return queryOptions({
    queryKey: ['imports', 'run', id] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.imports[':id'].$get({ param: { id: String(id) } }, { init: { signal } })),
  });
}

/** One import: its status and counts while it runs (polled), then its report with the problems found. */
export function useImport(id: number | undefined) {
  return useQuery({
    ...importQueryOptions(id ?? 0),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 600 : false),
    refetchIntervalInBackground: true,
  });
}
