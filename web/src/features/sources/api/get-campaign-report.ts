import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { api, unwrap } from '../../../lib/api-client';
import type { SourcesFilter } from '../sources-filter';

export type CampaignReport = InferResponseType<typeof api.api.metrics.campaigns.$get, 200>;
export type CampaignRow = CampaignReport['rows'][number];

export function campaignReportQueryOptions(filter: SourcesFilter) {
  return queryOptions({
    queryKey: ['metrics', 'campaigns', filter] as const,
    queryFn: ({ signal }) => unwrap(api.api.metrics.campaigns.$get({ query: filter }, { init: { signal } })),
    staleTime: 60_000,
  });
}

/** Each campaign's leads through the funnel, its spend and its cost per stage. */
export function useCampaignReport(filter: SourcesFilter) {
  return useQuery({ ...campaignReportQueryOptions(filter), placeholderData: keepPreviousData });
}
