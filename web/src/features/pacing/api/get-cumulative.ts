import { useQuery } from '@tanstack/react-query';
import type { LeadFilterParams } from '../../../lib/filters';
import { type MetricAnswer, metricQueryOptions } from '../../../lib/metrics-query';

export type CumulativeTrend = MetricAnswer<'trend'>;

/** The quarter's first day to the day after as-of (exclusive), with the lead filters. */
export type CumulativeFilter = LeadFilterParams & { from: string; to: string };

export const cumulativeQueryOptions = (filter: CumulativeFilter) =>
  metricQueryOptions('trend', { ...filter, grain: 'week', series: ['leads', 'salesReady', 'revenue'] }, [
    'pacing',
    filter,
  ]);

/**
 * Leads, SRLs and won revenue per week from the quarter's first day to the as-of day: the actual
 * line of the cumulative chart (the same event counts as pacing's actuals). Pipeline has no series.
 */
export function useCumulative(filter: CumulativeFilter | null) {
  return useQuery({
    ...cumulativeQueryOptions(filter ?? { from: '', to: '' }),
    enabled: filter !== null,
  });
}
