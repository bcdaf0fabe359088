import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { CohortsFilter } from '../cohorts-filter';

export type Cohorts = InferResponseType<typeof api.api.metrics.cohorts.$get, 200>;
export type Cohort = Cohorts['cohorts'][number];

export function cohortsQueryOptions(filter: CohortsFilter) {
  return queryOptions({
    queryKey: ['metrics', 'cohorts', filter] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.cohorts.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Leads by the slice they were created in, with the share that became SRL and won by age. */
export function useCohorts(filter: CohortsFilter) {
  return useQuery({ ...cohortsQueryOptions(filter), placeholderData: keepPreviousData });
}
