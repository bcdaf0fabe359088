import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import type { OverviewFilter } from '../overview-filter';

export type Changes = MetricAnswer<'changes'>;
export type Change = Changes['changes'][number];

export const changesQueryOptions = (filter: OverviewFilter) => metricQueryOptions('changes', filter);

/** The three source changes that moved SRLs or pipeline most against the previous quarter, in words. */
export const useChanges = (filter: OverviewFilter, enabled = true) =>
  useMetricQuery(changesQueryOptions(filter), enabled);
