import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { SourcesFilter } from '../sources-filter';

export type SourceReport = InferResponseType<typeof api.api.metrics.sources.$get, 200>;
export type SourceReportRow = SourceReport['rows'][number];
export type SourceFigures = SourceReport['totals'];

export function sourceReportQueryOptions(filter: SourcesFilter) {
  return queryOptions({
    queryKey: ['metrics', 'sources', filter] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.sources.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Volume, quality, speed, conversion, revenue and cost per source, per category and in total. */
export function useSourceReport(filter: SourcesFilter) {
  return useQuery({ ...sourceReportQueryOptions(filter), placeholderData: keepPreviousData });
}
