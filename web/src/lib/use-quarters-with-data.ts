import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api-client';

export function quartersWithDataQueryOptions() {
  return queryOptions({
    queryKey: ['periods'] as const,
    queryFn: ({ signal }) => unwrap(api.api.periods.$get({ query: {} }, { init: { signal } })),
    staleTime: 5 * 60_000,
  });
}

/** Today's fiscal quarter as the server names it, and every quarter with data (newest first). */
export function useQuartersWithData() {
  return useQuery(quartersWithDataQueryOptions());
}
