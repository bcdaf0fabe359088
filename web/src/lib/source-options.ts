import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api-client';
import type { PeriodFilter, SourceCategory } from './filters';

export interface SourceOption {
  id: number;
  name: string;
  category: SourceCategory;
}

/**
 * The sources to filter by: those with any activity in the period (the by-source report's rows,
 * period view). There is no separate list of sources in the API; this reuses the report.
 */
export function sourceOptionsQueryOptions(period: PeriodFilter) {
  return queryOptions({
    queryKey: ['metrics', 'sources', 'options', period] as const,
    queryFn: async ({ signal }): Promise<SourceOption[]> => {
      const report = await unwrap(
        api.api.metrics.sources.$get({ query: { ...period, view: 'period' } }, { init: { signal } }),
      );
      return report.rows
        .filter((r) => r.sourceId !== null)
        .map((r) => ({ id: r.sourceId as number, name: r.source, category: r.category }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 5 * 60_000,
  });
}

export function useSourceOptions(period: PeriodFilter, enabled = true) {
  return useQuery({ ...sourceOptionsQueryOptions(period), enabled });
}
