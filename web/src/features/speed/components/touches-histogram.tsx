import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { tipRow, tipTitle } from '../../../components/chart/tooltip';
import { formatInteger, formatPercent } from '../../../lib/format';
import { Link, navigate } from '../../../lib/router';
import type { Speed } from '../api/get-speed';
import { touchBucketLabel } from './day-buckets';
import { histogramOption } from './histogram-option';

interface TouchesHistogramProps {
  touches: Speed['touches'];
  height: number;
  /** The lead list of one bar's SRLs (by index): a click on the bar opens it. */
  hrefFor: (index: number) => string;
}

const band = { from: 7, to: 15 };

/** How many marketing touches the period's SRLs took to become sales-ready, the 7–15 band marked. */
export function TouchesHistogram({ touches, height, hrefFor }: TouchesHistogramProps) {
  const theme = useChartTheme();
  const option = useMemo(() => buildOption(touches, theme), [touches, theme]);
  const total = touches.reduce((sum, t) => sum + t.leads, 0);
  const inBand = touches
    .filter((t) => t.touches >= band.from && t.touches <= band.to)
    .reduce((sum, t) => sum + t.leads, 0);
  return (
    <>
      <EChart
        option={option}
        ariaLabel={
          total === 0
            ? 'Touches to sales-ready: no SRL in the period.'
            : `Marketing touches to sales-ready of ${formatInteger(total)} SRLs, one bar per count, 30 and more together; the band of 7 to 15 touches is marked and holds ${formatPercent(inBand / total)} of them.`
        }
        height={height}
        testId="touches-histogram"
        onClick={({ dataIndex }) => navigate(hrefFor(dataIndex))}
      />
      <table className="visually-hidden">
        <caption>SRLs by marketing touches to sales-ready</caption>
        <thead>
          <tr>
            <th scope="col">Touches</th>
            <th scope="col">SRLs</th>
          </tr>
        </thead>
        <tbody>
          {touches.map((t, i) => (
            <tr key={t.touches}>
              <th scope="row">{touchBucketLabel(t)}</th>
              <td>
                {/* Out of the tab order: the table is unseen; the card's links serve the keyboard. */}
                <Link to={hrefFor(i)} tabIndex={-1}>
                  {formatInteger(t.leads)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function buildOption(touches: Speed['touches'], theme: ChartTheme): ChartOption {
  const total = touches.reduce((sum, t) => sum + t.leads, 0);
  const inBand = (n: number) => n >= band.from && n <= band.to;
  return histogramOption({
    theme,
    ticks: touches.map(touchBucketLabel),
    values: touches.map((t) => t.leads),
    xTitle: 'Marketing touches before sales-ready',
    yTitle: 'SRLs',
    color: theme.series[1],
    band: { from: String(band.from), to: String(band.to), label: '7–15 touches', color: theme.good },
    tooltip: (i) => {
      const t = touches[i];
      if (!t) return '';
      const title = `${touchBucketLabel(t)} touch${t.touches === 1 && !t.orMore ? '' : 'es'}${inBand(t.touches) ? ' · in the 7–15 band' : ''}`;
      return `<div class="chart-tip">${tipTitle(title)}${tipRow(theme.series[1], 'SRLs', `${formatInteger(t.leads)} (${formatPercent(total > 0 ? t.leads / total : null)})`)}</div>`;
    },
  });
}
