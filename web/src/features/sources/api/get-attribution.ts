import type { GlobalFilter } from '../../../lib/filters';
import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';

export type Attribution = MetricAnswer<'attribution'>;
export type Contribution = Attribution['marketing']['pipeline'];

export const attributionQueryOptions = (filter: GlobalFilter) => metricQueryOptions('attribution', filter);

/** Marketing-sourced and -influenced pipeline and revenue, and won revenue by attribution model. */
export const useAttribution = (filter: GlobalFilter) => useMetricQuery(attributionQueryOptions(filter));
