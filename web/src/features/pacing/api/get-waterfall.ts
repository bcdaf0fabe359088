import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';

export type Waterfall = InferResponseType<(typeof api.api.metrics)['pipeline-waterfall']['$get'], 200>;
export type WaterfallDeals = InferResponseType<
  (typeof api.api.metrics)['pipeline-waterfall']['deals']['$get'],
  200
>;
export type WaterfallMovement = WaterfallDeals['movement'];

/** A quarter's pipeline waterfall (its dates and close window), narrowed to sources and an owner. */
export interface WaterfallFilter {
  quarter: string;
  from?: string;
  to?: string;
  source?: string;
  owner?: string;
}

export function useWaterfall(filter: WaterfallFilter | null) {
  return useQuery({
    queryKey: ['metrics', 'pipeline-waterfall', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(api.api.metrics['pipeline-waterfall'].$get({ query: { ...filter } }, { init: { signal } })),
    enabled: filter !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function waterfallDealsOptions(filter: WaterfallFilter, movement: WaterfallMovement) {
  return queryOptions({
    queryKey: ['metrics', 'pipeline-waterfall', 'deals', filter, movement] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics['pipeline-waterfall'].deals.$get(
          { query: { ...filter, movement, pageSize: '100' } },
          { init: { signal } },
        ),
      ),
    staleTime: 60_000,
  });
}

/** The deals behind one bar, once a bar is chosen. */
export function useWaterfallDeals(filter: WaterfallFilter | null, movement: WaterfallMovement | null) {
  return useQuery({
    ...waterfallDealsOptions(filter ?? { quarter: '' }, movement ?? 'new'),
    enabled: filter !== null && movement !== null,
  });
}
