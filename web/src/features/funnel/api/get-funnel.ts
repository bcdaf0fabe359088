import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import type { FunnelFilter } from '../funnel-filter';

export type Funnel = MetricAnswer<'funnel'>;
export type FunnelStep = Funnel['stages'][number];

export const funnelQueryOptions = (filter: FunnelFilter) => metricQueryOptions('funnel', filter);

/** Counts per stage, step and cumulative conversion, drop-off, days in stage and data anomalies. */
export const useFunnel = (filter: FunnelFilter) => useMetricQuery(funnelQueryOptions(filter));
