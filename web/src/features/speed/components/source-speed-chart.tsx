import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import {
  barSeries,
  categoryAxis,
  chartBase,
  topLegend,
  valueAxis,
} from '../../../components/chart/option-parts';
import { tipRow, tipTitle } from '../../../components/chart/tooltip';
import { formatDays, formatDecimal, formatInteger } from '../../../lib/format';
import type { SpeedSourceRow } from '../api/get-speed';
import { axisTooltip } from './axis-tooltip';

interface SourceSpeedChartProps {
  rows: SpeedSourceRow[];
  height: number;
}

const names = { median: 'Median days', p75: '75th percentile' };

/** Median and p75 days to sales-ready per source: the p75 bar behind, the median in front. */
export function SourceSpeedChart({ rows, height }: SourceSpeedChartProps) {
  const theme = useChartTheme();
  const option = useMemo(() => buildOption(rows, theme), [rows, theme]);
  return <EChart option={option} ariaLabel={describe(rows)} height={height} testId="source-speed-chart" />;
}

function describe(rows: SpeedSourceRow[]): string {
  if (rows.length === 0) return 'Days to sales-ready by source: no SRL in the period.';
  const fastest = rows.reduce((a, b) =>
    (b.medianDaysToSalesReady ?? Number.POSITIVE_INFINITY) <
    (a.medianDaysToSalesReady ?? Number.POSITIVE_INFINITY)
      ? b
      : a,
  );
  const slowest = rows.reduce((a, b) =>
    (b.medianDaysToSalesReady ?? -1) > (a.medianDaysToSalesReady ?? -1) ? b : a,
  );
  return `Median and 75th percentile days to sales-ready for ${rows.length} sources. Fastest median: ${fastest.source}, ${formatDays(fastest.medianDaysToSalesReady)}. Slowest: ${slowest.source}, ${formatDays(slowest.medianDaysToSalesReady)}.`;
}

function buildOption(rows: SpeedSourceRow[], theme: ChartTheme): ChartOption {
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    ...chartBase(theme, { right: 24, top: 36 }),
    legend: topLegend(theme, [names.median, names.p75]),
    tooltip: axisTooltip(theme, (i) => {
      const row = rows[i];
      if (!row) return '';
      return `<div class="chart-tip">${tipTitle(row.source)}${tipRow(theme.series[1], names.median, formatDays(row.medianDaysToSalesReady))}${tipRow(theme.series[0], names.p75, formatDays(row.p75DaysToSalesReady))}${tipRow(theme.axis, 'SRLs measured', formatInteger(row.measured))}</div>`;
    }),
    xAxis: valueAxis(theme, (v) => formatDecimal(v).replace(/\.0$/, ''), {
      name: 'Days from creation to sales-ready',
      along: 'x',
    }),
    yAxis: {
      ...categoryAxis(
        theme,
        rows.map((r) => r.source),
        { color: theme.text, fontSize: 12, width: 132, overflow: 'break' as const },
      ),
      inverse: true,
    },
    series: [
      barSeries(
        {
          name: names.p75,
          data: rows.map((r) => round(r.p75DaysToSalesReady)),
          color: theme.series[0],
          grows: 'right',
        },
        { barWidth: 14, barGap: '-100%' },
      ),
      barSeries(
        {
          name: names.median,
          data: rows.map((r) => round(r.medianDaysToSalesReady)),
          color: theme.series[1],
          grows: 'right',
        },
        { barWidth: 14, z: 3 },
      ),
    ],
  };
}
