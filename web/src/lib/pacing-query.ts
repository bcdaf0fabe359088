import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from './api-client';
import type { LeadFilterParams } from './filters';

// Shared by the overview's gap panel and the pacing page: one query key, so either page opens
// with the other's answer already in the cache.

export type Pacing = InferResponseType<typeof api.api.metrics.pacing.$get, 200>;
export type PacingMetric = keyof Pacing['metrics'];
export type MetricPacing = Pacing['metrics'][PacingMetric];
export type PacingFigures = MetricPacing['overall'];
export type SourcePacing = MetricPacing['sources'][number];
export type GapExplained = NonNullable<MetricPacing['explained']>;
export type GapRow = GapExplained['rows'][number];
export type Closing = NonNullable<MetricPacing['closing']>;
export type GapDriver = SourcePacing['drivers'][number]['driver'];
export type NextQuarter = Pacing['nextQuarter'];

/** The pacing query: a fiscal quarter (none: this one), an as-of day (none: today), the lead filters. */
// A type alias, not an interface: it must fit the API client's query type (an index signature).
export type PacingQuery = LeadFilterParams & { quarter?: string; asOf?: string };

/** The query with absent keys left out, so equal views share one cache entry. */
export function pacingKeyOf(query: PacingQuery): PacingQuery {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
  ) as PacingQuery;
}

export function pacingQueryOptions(query: PacingQuery) {
  const key = pacingKeyOf(query);
  return queryOptions({
    queryKey: ['metrics', 'pacing', key] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.pacing.$get({ query: key }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Actual, expected and projected figures of the quarter's four target metrics, with the gap explained. */
export function usePacing(query: PacingQuery, enabled = true) {
  return useQuery({ ...pacingQueryOptions(query), placeholderData: keepPreviousData, enabled });
}
