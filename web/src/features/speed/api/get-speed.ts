import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { SpeedFilter } from '../speed-filter';

export type Speed = InferResponseType<typeof api.api.metrics.speed.$get, 200>;
export type SpeedSourceRow = Speed['bySource'][number];

export function speedQueryOptions(filter: SpeedFilter) {
  return queryOptions({
    queryKey: ['metrics', 'speed', filter] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.speed.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Days and touches from creation to sales-ready of the period's SRLs: distributions, median and p75 by source. */
export function useSpeed(filter: SpeedFilter) {
  return useQuery({ ...speedQueryOptions(filter), placeholderData: keepPreviousData });
}
