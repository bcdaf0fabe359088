import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import { type LeadsFilter, leadsPageSize } from '../leads-filter';

export type LeadList = InferResponseType<typeof api.api.leads.$get, 200>;
export type LeadRow = LeadList['rows'][number];

export function leadsQueryOptions(filter: LeadsFilter) {
  return queryOptions({
    queryKey: ['leads', 'list', filter] as const,
    queryFn: ({ signal }) =>
      unwrap(
        api.api.leads.$get(
          { query: { ...filter, page: String(filter.page), pageSize: String(leadsPageSize) } },
          { init: { signal } },
        ),
      ),
    staleTime: 30_000,
  });
}

/** One page of the leads that match the filters, and how many match in all. */
export function useLeads(filter: LeadsFilter) {
  return useQuery({ ...leadsQueryOptions(filter), placeholderData: keepPreviousData });
}
