import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { LeadFilterParams } from '../../../lib/filters';

export function stalledCountQueryOptions(filter: LeadFilterParams) {
  return queryOptions({
    queryKey: ['metrics', 'handoff', 'stalled', 'count', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics.handoff.stalled.$get(
          { query: { ...filter, page: '1', pageSize: '1' } },
          { init: { signal } },
        ),
      ).then((page) => ({ total: page.total, stalledDays: page.stalledDays })),
    staleTime: 60_000,
  });
}

/**
 * How many open sales-ready leads have had no touch and no stage change for the stalled days:
 * the list's own scope (sales-ready in the last 365 days), so the count matches the list it links to.
 */
export function useStalledCount(filter: LeadFilterParams, enabled = true) {
  return useQuery({ ...stalledCountQueryOptions(filter), enabled });
}
