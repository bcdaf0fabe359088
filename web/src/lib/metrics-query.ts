import {
  type DataTag,
  keepPreviousData,
  type QueryKey,
  queryOptions,
  type UseQueryOptions,
  useQuery,
} from '@tanstack/react-query';
import type { ClientResponse, InferRequestType, InferResponseType } from 'hono/client';
import { api, unwrap } from './api-client';

type Metrics = typeof api.api.metrics;
type GetOf<Route> = Route extends { $get: infer Get } ? Get : never;

/** A figure the metrics API answers at `GET /api/metrics/<route>`. */
export type MetricRoute = {
  [R in keyof Metrics]: GetOf<Metrics[R]> extends never ? never : R;
}[keyof Metrics];
export type MetricAnswer<R extends MetricRoute> = InferResponseType<GetOf<Metrics[R]>, 200>;
export type MetricParams<R extends MetricRoute> = InferRequestType<GetOf<Metrics[R]>>['query'];

/** What `queryOptions` gives for a figure: its key is tagged with the answer's type. */
export type MetricQueryOptions<T, K extends QueryKey> = UseQueryOptions<T, Error, T, K> & {
  queryKey: DataTag<K, T, Error>;
};

type MetricGet = (
  args: { query: unknown },
  options: { init: { signal: AbortSignal } },
) => Promise<ClientResponse<unknown, number, 'json'>>;

/**
 * A figure cached for a minute under `['metrics', route, ...detail]` (detail: the query itself),
 * so pages, prefetches and invalidations that name the same view share one entry.
 */
export function metricQueryOptions<
  R extends MetricRoute,
  Q extends MetricParams<R>,
  const D extends readonly unknown[] = [Q],
>(route: R, query: Q, detail?: D): MetricQueryOptions<MetricAnswer<R>, readonly ['metrics', R, ...D]> {
  const get = api.api.metrics[route].$get as MetricGet;
  return queryOptions({
    queryKey: ['metrics', route, ...(detail ?? [query])] as unknown as readonly ['metrics', R, ...D],
    queryFn: ({ signal }) => unwrap(get({ query }, { init: { signal } })) as Promise<MetricAnswer<R>>,
    staleTime: 60_000,
  });
}

/** A figure of a page's filters: the last answer stays on screen while the next view loads. */
export function useMetricQuery<T, K extends QueryKey>(
  options: UseQueryOptions<T, Error, T, K>,
  enabled = true,
) {
  return useQuery<T, Error, T, K>({ ...options, placeholderData: keepPreviousData, enabled });
}
