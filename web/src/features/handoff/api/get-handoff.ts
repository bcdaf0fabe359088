import type { GlobalFilter } from '../../../lib/filters';
import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';

export type Handoff = MetricAnswer<'handoff'>;
export type HandoffFigures = Handoff['overall'];
export type HandoffBySource = Handoff['bySource'][number];
export type HandoffByOwner = Handoff['byOwner'][number];

export const handoffQueryOptions = (filter: GlobalFilter) => metricQueryOptions('handoff', filter);

/** Speed to lead, SLA attainment and acceptance of the period's SRLs: overall, by source, by owner. */
export const useHandoff = (filter: GlobalFilter, enabled = true) =>
  useMetricQuery(handoffQueryOptions(filter), enabled);
