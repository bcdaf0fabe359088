import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { barSeries, chartBase, nameAxis, topLegend, valueAxis } from '../../../components/chart/option-parts';
import { categoryTooltip, tipRow, tipTitle } from '../../../components/chart/tooltip';
import { formatInteger, formatRate } from '../../../lib/format';
import type { SharedPack } from '../api/get-shared-pack';

type SourceRow = SharedPack['sources']['rows'][number];

/** Lead volume and SRLs by source, side by side; the table under it gives every figure. */
export function SharedSourcesChart({ rows }: { rows: SourceRow[] }) {
  const theme = useChartTheme();
  // Largest at the top: a horizontal category axis runs bottom-up.
  const shown = useMemo(() => [...rows].reverse(), [rows]);
  const option = useMemo(() => buildOption(shown, theme), [shown, theme]);
  const leads = rows.reduce((sum, r) => sum + r.leads, 0);
  return (
    <div className="shared-chart">
      <EChart
        option={option}
        height={56 + rows.length * 40}
        ariaLabel={`Lead volume and SRLs for ${rows.length} sources, ${formatInteger(leads)} leads in all. The sources table that follows gives the figures.`}
        testId="shared-sources-chart"
      />
    </div>
  );
}

function buildOption(rows: SourceRow[], theme: ChartTheme): ChartOption {
  const names = ['Leads', 'SRLs'] as const;
  return {
    ...chartBase(theme, { right: 24, top: 32 }),
    legend: topLegend(theme, [...names]),
    tooltip: categoryTooltip(
      theme,
      (index, points) => {
        const row = rows[index];
        if (!row) return '';
        const colors = points.map((p) => p.color);
        return `<div class="chart-tip">${tipTitle(row.source)}${tipRow(colors[0] ?? theme.series[0], names[0], formatInteger(row.leads))}${tipRow(colors[1] ?? theme.series[1], names[1], `${formatInteger(row.salesReady)} · ${formatRate(row.salesReadyRate)} SRL rate`)}</div>`;
      },
      true,
    ),
    xAxis: { ...valueAxis(theme, formatInteger, { name: 'Leads', along: 'x' }), minInterval: 1 },
    yAxis: nameAxis(
      theme,
      rows.map((r) => r.source),
    ),
    series: [
      barSeries(
        { name: names[0], data: rows.map((r) => r.leads), color: theme.series[1], grows: 'right' },
        { barMaxWidth: 10, barGap: '25%' },
      ),
      barSeries(
        { name: names[1], data: rows.map((r) => r.salesReady), color: theme.series[0], grows: 'right' },
        { barMaxWidth: 10 },
      ),
    ],
  };
}
