import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';
import type { LeadFilterParams } from '../../../lib/filters';

export function neglectedCountQueryOptions(filter: LeadFilterParams) {
  return queryOptions({
    queryKey: ['metrics', 'handoff', 'neglected', 'count', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.metrics.handoff.neglected.$get(
          { query: { ...filter, page: '1', pageSize: '1' } },
          { init: { signal } },
        ),
      ).then((page) => ({ total: page.total, slaHours: page.slaHours })),
    staleTime: 60_000,
  });
}

/**
 * How many sales-ready leads are waiting now past the SLA with no sales touch: the list's own
 * scope (sales-ready in the last 365 days), so the count matches the list it links to.
 */
export function useNeglectedCount(filter: LeadFilterParams, enabled = true) {
  return useQuery({ ...neglectedCountQueryOptions(filter), enabled });
}
