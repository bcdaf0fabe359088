import type { LeadFilterParams } from './filters';
import { type MetricAnswer, metricQueryOptions, useMetricQuery } from './metrics-query';

// Shared by the overview's gap panel and the pacing page: one query key, so either page opens
// with the other's answer already in the cache.

export type Pacing = MetricAnswer<'pacing'>;
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

export const pacingQueryOptions = (query: PacingQuery) => metricQueryOptions('pacing', pacingKeyOf(query));

/** Actual, expected and projected figures of the quarter's four target metrics, with the gap explained. */
export const usePacing = (query: PacingQuery, enabled = true) =>
  useMetricQuery(pacingQueryOptions(query), enabled);
