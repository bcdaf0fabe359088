import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { GlobalFilter } from '../../../lib/filters';

export type Handoff = InferResponseType<typeof api.api.metrics.handoff.$get, 200>;
export type HandoffFigures = Handoff['overall'];
export type HandoffBySource = Handoff['bySource'][number];
export type HandoffByOwner = Handoff['byOwner'][number];

export function handoffQueryOptions(filter: GlobalFilter) {
  return queryOptions({
    queryKey: ['metrics', 'handoff', filter] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.handoff.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Speed to lead, SLA attainment and acceptance of the period's SRLs: overall, by source, by owner. */
export function useHandoff(filter: GlobalFilter, enabled = true) {
  return useQuery({ ...handoffQueryOptions(filter), placeholderData: keepPreviousData, enabled });
}
