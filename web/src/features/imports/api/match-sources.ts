import { useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { listQueryOptions } from '../../../lib/list-query';

export type SourceMatch = InferResponseType<typeof api.api.sources.match.$post, 200>['matches'][number];
export type KnownSource = InferResponseType<typeof api.api.sources.$get, 200>['sources'][number];

/** The existing source each raw source name of the file would join (or none: a new source). */
export function useSourceMatches(names: string[]) {
  return useQuery({
    queryKey: ['sources', 'match', names],
    queryFn: async ({ signal }): Promise<SourceMatch[]> =>
      (await unwrap(api.api.sources.match.$post({ json: { names } }, { init: { signal } }))).matches,
    enabled: names.length > 0,
    staleTime: 30_000,
  });
}

/** Every source there is, to choose from. */
export function useKnownSources() {
  return useQuery(listQueryOptions(['sources', 'all'], api.api.sources, 'sources', { staleTime: 60_000 }));
}
