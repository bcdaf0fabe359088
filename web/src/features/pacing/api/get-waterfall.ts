import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';

export type Waterfall = MetricAnswer<'pipeline-waterfall'>;
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

export const useWaterfall = (filter: WaterfallFilter | null) =>
  useMetricQuery(metricQueryOptions('pipeline-waterfall', { ...filter }, [filter]), filter !== null);

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
