import { metricQueryOptions, useMetricQuery } from '../../../lib/metrics-query';
import type { OverviewFilter } from '../overview-filter';

/** Weeks a sparkline draws: a quarter's worth, whatever day of the quarter it is. */
export const sparklineWeeks = 13;
/** Every KPI tile draws its own series. */
const sparklineSeries = ['leads', 'salesReady', 'salesReadyRate', 'revenue', 'medianDaysToSalesReady'];

export const sparklinesQueryOptions = (filter: OverviewFilter) =>
  metricQueryOptions(
    'trend',
    { ...filter, grain: 'week', recentWeeks: String(sparklineWeeks), series: sparklineSeries },
    ['sparklines', filter],
  );

/**
 * Each KPI over the last 13 weeks up to today (the quarter's last 13 once it has ended), for the
 * tiles' sparklines: in a quarter's first weeks the quarter alone would be a dot.
 */
export const useSparklines = (filter: OverviewFilter, enabled = true) =>
  useMetricQuery(sparklinesQueryOptions(filter), enabled);
