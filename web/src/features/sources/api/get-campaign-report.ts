import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import type { SourcesFilter } from '../sources-filter';

export type CampaignReport = MetricAnswer<'campaigns'>;
export type CampaignRow = CampaignReport['rows'][number];

export const campaignReportQueryOptions = (filter: SourcesFilter) => metricQueryOptions('campaigns', filter);

/** Each campaign's leads through the funnel, its spend and its cost per stage. */
export const useCampaignReport = (filter: SourcesFilter) =>
  useMetricQuery(campaignReportQueryOptions(filter));
