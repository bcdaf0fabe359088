import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type TargetEntry = InferResponseType<typeof api.api.targets.$get, 200>['targets'][number];
export type TargetMetric = TargetEntry['metric'];

export function targetsQueryOptions(quarter: string) {
  return queryOptions({
    queryKey: ['targets', quarter] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.targets.$get({ query: { quarter } }, { init: { signal } })).then((body) => body.targets),
    staleTime: 60_000,
  });
}

/** The quarter's targets: per metric, for the company (no source) and per source. */
export function useTargets(quarter: string) {
  return useQuery(targetsQueryOptions(quarter));
}
