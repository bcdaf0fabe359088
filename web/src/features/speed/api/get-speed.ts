import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import type { SpeedFilter } from '../speed-filter';

export type Speed = MetricAnswer<'speed'>;
export type SpeedSourceRow = Speed['bySource'][number];

export const speedQueryOptions = (filter: SpeedFilter) => metricQueryOptions('speed', filter);

/** Days and touches from creation to sales-ready of the period's SRLs: distributions, median and p75 by source. */
export const useSpeed = (filter: SpeedFilter) => useMetricQuery(speedQueryOptions(filter));
