import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { tipRow, tipTitle } from '../../../components/chart/tooltip';
import { formatInteger, formatPercent } from '../../../lib/format';
import { Link, navigate } from '../../../lib/router';
import type { Speed } from '../api/get-speed';
import { dayBucketLabel, dayBucketTick } from './day-buckets';
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
  const option = useMemo(() => buildOption(days, theme), [days, theme]);
  const total = days.reduce((sum, d) => sum + d.leads, 0);
  return (
    <>
      <EChart
        option={option}
        ariaLabel={describe(days, total)}
        height={height}
        testId="days-histogram"
        onClick={({ dataIndex }) => navigate(hrefFor(dataIndex))}
      />
      <table className="visually-hidden">
        <caption>SRLs by days from creation to sales-ready</caption>
        <thead>
          <tr>
            <th scope="col">Days to sales-ready</th>
            <th scope="col">SRLs</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d, i) => (
            <tr key={d.fromDays}>
              <th scope="row">{dayBucketLabel(d)}</th>
              <td>
                {/* Out of the tab order: the table is unseen; the card's links serve the keyboard. */}
                <Link to={hrefFor(i)} tabIndex={-1}>
                  {formatInteger(d.leads)}
                </Link>
              </td>
              <td>{formatPercent(total > 0 ? d.leads / total : null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function describe(days: Speed['days'], total: number): string {
  if (total === 0) return 'Days to sales-ready: no SRL in the period.';
  const peak = days.reduce((a, b) => (b.leads > a.leads ? b : a));
  return `Days from creation to sales-ready of ${formatInteger(total)} SRLs, in ${days.length} buckets. Most common: ${dayBucketLabel(peak)}, ${formatInteger(peak.leads)} SRLs.`;
}

function buildOption(days: Speed['days'], theme: ChartTheme): ChartOption {
  const total = days.reduce((sum, d) => sum + d.leads, 0);
  return histogramOption({
    theme,
    ticks: days.map(dayBucketTick),
    values: days.map((d) => d.leads),
    xTitle: 'Days from creation to sales-ready',
    yTitle: 'SRLs',
    everyTick: true,
    color: theme.series[1],
    tooltip: (i) => {
      const d = days[i];
      if (!d) return '';
      return `<div class="chart-tip">${tipTitle(dayBucketLabel(d))}${tipRow(theme.series[1], 'SRLs', `${formatInteger(d.leads)} (${formatPercent(total > 0 ? d.leads / total : null)})`)}</div>`;
    },
  });
}
