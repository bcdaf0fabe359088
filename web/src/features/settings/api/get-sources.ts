import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type SourceEntry = InferResponseType<typeof api.api.sources.$get, 200>['sources'][number];

export const sourcesQueryKey = ['sources', 'all'] as const;

export function sourcesQueryOptions() {
  return queryOptions({
    queryKey: sourcesQueryKey,
    queryFn: ({ signal }) =>
      unwrap(api.api.sources.$get(undefined, { init: { signal } })).then((body) => body.sources),
    staleTime: 60_000,
  });
}

/** Every source with its category and how many leads it has. */
export function useSources() {
  return useQuery(sourcesQueryOptions());
}
