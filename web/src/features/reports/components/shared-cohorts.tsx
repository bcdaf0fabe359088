import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { categoryAxis, chartBase, topLegend, valueAxis } from '../../../components/chart/option-parts';
import { categoryTooltip, tipRow, tipTitle } from '../../../components/chart/tooltip';
import { formatInteger, formatRate } from '../../../lib/format';
import { quarterName } from '../../../lib/quarters';
import type { SharedPack } from '../api/get-shared-pack';
import { type FigureColumn, FigureTable } from './shared-figure-table';
import type { Money } from './shared-figures';

type Cohort = SharedPack['cohorts'][number];

const lines = [
  { name: 'Within 30 days', pick: (c: Cohort) => c.salesReady.d30 },
  { name: 'Within 90 days', pick: (c: Cohort) => c.salesReady.d90 },
  { name: 'To date', pick: (c: Cohort) => c.salesReady.toDate },
] as const;

function cohortColumns(money: Money): FigureColumn<Cohort>[] {
  return [
    { key: 'leads', label: 'Leads', cell: (c) => formatInteger(c.leads) },
    { key: 'srl30', label: 'SRL in 30 days', cell: (c) => formatRate(c.salesReady.d30) },
    { key: 'srl90', label: 'SRL in 90 days', cell: (c) => formatRate(c.salesReady.d90) },
    { key: 'srlToDate', label: 'SRL to date', cell: (c) => formatRate(c.salesReady.toDate) },
    { key: 'won90', label: 'Won in 90 days', cell: (c) => formatRate(c.won.d90) },
    { key: 'won180', label: 'Won in 180 days', cell: (c) => formatRate(c.won.d180) },
    { key: 'wonToDate', label: 'Won to date', cell: (c) => formatRate(c.won.toDate) },
    { key: 'revenue', label: 'Revenue from these leads', cell: (c) => money.full(c.revenueToDate) },
  ];
}

/** Leads by the quarter they were created in, and the share sales-ready and won by age. */
export function SharedCohorts({ cohorts, money }: { cohorts: Cohort[]; money: Money }) {
  const theme = useChartTheme();
  const option = useMemo(() => buildOption(cohorts, theme), [cohorts, theme]);
  return (
    <>
      <div className="shared-chart">
        <EChart
          option={option}
          height={240}
          ariaLabel={`SRL rate within 30 and 90 days of creation and to date, for ${cohorts.length} quarterly cohorts. The cohorts table that follows gives the figures.`}
          testId="shared-cohorts-chart"
        />
      </div>
      <FigureTable
        caption="Cohorts by fiscal quarter of creation: share sales-ready and won by age, and revenue to date"
        testId="shared-cohorts-table"
        rowsLabel="Cohort"
        rows={cohorts}
        rowKey={(c) => c.label}
        rowHeader={(c) => quarterName(c.label)}
        columns={cohortColumns(money)}
      />
    </>
  );
}

function buildOption(cohorts: Cohort[], theme: ChartTheme): ChartOption {
  const colours = [theme.range, theme.series[1], theme.series[0]];
  return {
    ...chartBase(theme, { right: 16, top: 48 }),
    legend: topLegend(
      theme,
      lines.map((l) => l.name),
    ),
    tooltip: categoryTooltip(theme, (index, points) => {
      const cohort = cohorts[index];
      if (!cohort) return '';
      const rows = points.flatMap((p) => {
        const line = lines[p.seriesIndex];
        return line ? [tipRow(p.color, line.name, formatRate(line.pick(cohort)))] : [];
      });
      return `<div class="chart-tip">${tipTitle(`${quarterName(cohort.label)} · ${formatInteger(cohort.leads)} leads`)}${rows.join('')}</div>`;
    }),
    xAxis: categoryAxis(
      theme,
      cohorts.map((c) => quarterName(c.label)),
      { color: theme.muted, fontSize: 11, hideOverlap: true },
    ),
    yAxis: {
      ...valueAxis(theme, (v) => `${Math.round(v * 100)}%`, { name: 'Share sales-ready (%)', along: 'y' }),
      min: 0,
    },
    series: lines.map((line, i) => ({
      type: 'line' as const,
      name: line.name,
      data: cohorts.map(line.pick),
      // A young cohort has no figure at an age it has not reached: the line breaks, not drops.
      connectNulls: false,
      symbolSize: 6,
      lineStyle: { width: 2, color: colours[i] },
      itemStyle: { color: colours[i] },
      emphasis: { focus: 'none' as const },
    })),
  };
}
