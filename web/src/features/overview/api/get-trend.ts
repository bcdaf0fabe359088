import { type MetricAnswer, metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import type { OverviewFilter } from '../overview-filter';

export type Trend = MetricAnswer<'trend'>;
export type Targets = NonNullable<Trend['targets']>;

/** The quarter's targets: every answer for the quarter's weeks has them (only recent weeks do not). */
export function targetsOf(trend: Trend): Targets {
  return trend.targets ?? { leads: null, salesReady: null };
}

/** The weekly chart draws leads and SRLs against their targets. */
const chartSeries = ['leads', 'salesReady'];

export const trendQueryOptions = (filter: OverviewFilter) =>
  metricQueryOptions('trend', { ...filter, grain: 'week', series: chartSeries }, [filter]);

/** Leads and SRLs per week of the quarter, against the quarter's targets. */
export const useTrend = (filter: OverviewFilter, enabled = true) =>
  useMetricQuery(trendQueryOptions(filter), enabled);
