import { useMemo } from 'react';
import { useChartTheme } from '../../../components/chart/chart-theme';
import { formatInteger } from '../../../lib/format';
import type { Speed } from '../api/get-speed';
import { dayBucketLabel, dayBucketTick } from './day-buckets';
import { Histogram } from './histogram';
import { histogramOption } from './histogram-option';

interface DaysHistogramProps {
  days: Speed['days'];
  height: number;
  /** The lead list of one bar's SRLs (by index): a click on the bar opens it. */
  hrefFor: (index: number) => string;
}

/** How many of the period's SRLs took how long from creation to sales-ready, in widening buckets of days. */
export function DaysHistogram({ days, height, hrefFor }: DaysHistogramProps) {
  const theme = useChartTheme();
  const option = useMemo(
    () =>
      histogramOption({
        theme,
        ticks: days.map(dayBucketTick),
        leads: days.map((d) => d.leads),
        xTitle: 'Days from creation to sales-ready',
        tipHeading: (i) => dayBucketLabel(days[i] as Speed['days'][number]),
        everyTick: true,
      }),
    [days, theme],
  );
  return (
    <Histogram
      option={option}
      ariaLabel={describe(days)}
      height={height}
      testId="days-histogram"
      buckets={days}
      keyOf={(d) => d.fromDays}
      labelOf={dayBucketLabel}
      caption="SRLs by days from creation to sales-ready"
      bucketHeading="Days to sales-ready"
      withShare
      hrefFor={hrefFor}
    />
  );
}

function describe(days: Speed['days']): string {
  const total = days.reduce((sum, d) => sum + d.leads, 0);
  if (total === 0) return 'Days to sales-ready: no SRL in the period.';
  const peak = days.reduce((a, b) => (b.leads > a.leads ? b : a));
  return `Days from creation to sales-ready of ${formatInteger(total)} SRLs, in ${days.length} buckets. Most common: ${dayBucketLabel(peak)}, ${formatInteger(peak.leads)} SRLs.`;
}
