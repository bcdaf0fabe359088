import { useMemo } from 'react';
import { useChartTheme } from '../../../components/chart/chart-theme';
import { formatInteger, formatPercent } from '../../../lib/format';
import type { Speed } from '../api/get-speed';
import { touchBucketLabel } from './day-buckets';
import { Histogram } from './histogram';
import { histogramOption } from './histogram-option';

interface TouchesHistogramProps {
  touches: Speed['touches'];
  height: number;
  /** The lead list of one bar's SRLs (by index): a click on the bar opens it. */
  hrefFor: (index: number) => string;
}

const band = { from: 7, to: 15 };
const inBand = (n: number) => n >= band.from && n <= band.to;

/** How many marketing touches the period's SRLs took to become sales-ready, the 7–15 band marked. */
export function TouchesHistogram({ touches, height, hrefFor }: TouchesHistogramProps) {
  const theme = useChartTheme();
  const option = useMemo(
    () =>
      histogramOption({
        theme,
        ticks: touches.map(touchBucketLabel),
        leads: touches.map((t) => t.leads),
        xTitle: 'Marketing touches before sales-ready',
        tipHeading: (i) => {
          const t = touches[i] as Speed['touches'][number];
          return `${touchBucketLabel(t)} touch${t.touches === 1 && !t.orMore ? '' : 'es'}${inBand(t.touches) ? ' · in the 7–15 band' : ''}`;
        },
        band: { from: String(band.from), to: String(band.to), label: '7–15 touches', color: theme.good },
      }),
    [touches, theme],
  );
  return (
    <Histogram
      option={option}
      ariaLabel={describe(touches)}
      height={height}
      testId="touches-histogram"
      buckets={touches}
      keyOf={(t) => t.touches}
      labelOf={touchBucketLabel}
      caption="SRLs by marketing touches to sales-ready"
      bucketHeading="Touches"
      hrefFor={hrefFor}
    />
  );
}

function describe(touches: Speed['touches']): string {
  const total = touches.reduce((sum, t) => sum + t.leads, 0);
  if (total === 0) return 'Touches to sales-ready: no SRL in the period.';
  const held = touches.filter((t) => inBand(t.touches)).reduce((sum, t) => sum + t.leads, 0);
  return `Marketing touches to sales-ready of ${formatInteger(total)} SRLs, one bar per count, 30 and more together; the band of 7 to 15 touches is marked and holds ${formatPercent(held / total)} of them.`;
}
