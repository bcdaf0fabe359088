import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { tipRow, tipTitle, tooltipFrame } from '../../../components/chart/tooltip';
import { formatInteger, formatRate } from '../../../lib/format';
import { quarterName } from '../../../lib/quarters';
import type { SharedPack } from '../api/get-shared-pack';
import type { Money } from './shared-figures';

type Cohort = SharedPack['cohorts'][number];

const lines = [
  { name: 'Within 30 days', pick: (c: Cohort) => c.salesReady.d30 },
  { name: 'Within 90 days', pick: (c: Cohort) => c.salesReady.d90 },
  { name: 'To date', pick: (c: Cohort) => c.salesReady.toDate },
] as const;

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
      <div className="table-scroll shared-table">
        <table className="data-table" data-testid="shared-cohorts-table">
          <caption className="visually-hidden">
            Cohorts by fiscal quarter of creation: share sales-ready and won by age, and revenue to date
          </caption>
          <thead>
            <tr>
              <th scope="col">Cohort</th>
              <th scope="col" className="num">
                Leads
              </th>
              <th scope="col" className="num">
                SRL in 30 days
              </th>
              <th scope="col" className="num">
                SRL in 90 days
              </th>
              <th scope="col" className="num">
                SRL to date
              </th>
              <th scope="col" className="num">
                Won in 90 days
              </th>
              <th scope="col" className="num">
                Won in 180 days
              </th>
              <th scope="col" className="num">
                Won to date
              </th>
              <th scope="col" className="num">
                Revenue to date
              </th>
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.label}>
                <th scope="row">{quarterName(c.label)}</th>
                <td className="num">{formatInteger(c.leads)}</td>
                <td className="num">{formatRate(c.salesReady.d30)}</td>
                <td className="num">{formatRate(c.salesReady.d90)}</td>
                <td className="num">{formatRate(c.salesReady.toDate)}</td>
                <td className="num">{formatRate(c.won.d90)}</td>
                <td className="num">{formatRate(c.won.d180)}</td>
                <td className="num">{formatRate(c.won.toDate)}</td>
                <td className="num">{money.full(c.revenueToDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function buildOption(cohorts: Cohort[], theme: ChartTheme): ChartOption {
  const colours = [theme.range, theme.series[1], theme.series[0]];
  return {
    animationDuration: 400,
    textStyle: { fontFamily: theme.fontFamily, color: theme.muted },
    legend: {
      top: 0,
      left: 0,
      data: lines.map((l) => l.name),
      itemWidth: 14,
      itemHeight: 10,
      itemGap: 24,
      textStyle: { color: theme.text, fontSize: 12 },
      inactiveColor: theme.grid,
    },
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      ...tooltipFrame(theme),
      formatter: (raw: unknown) => {
        const params = raw as { dataIndex: number; seriesIndex: number; color: string }[];
        const cohort = cohorts[params[0]?.dataIndex ?? -1];
        if (!cohort) return '';
        const rows = params.map((p) =>
          tipRow(p.color, lines[p.seriesIndex]!.name, formatRate(lines[p.seriesIndex]!.pick(cohort))),
        );
        return `<div class="chart-tip">${tipTitle(`${quarterName(cohort.label)} · ${formatInteger(cohort.leads)} leads`)}${rows.join('')}</div>`;
      },
    },
    xAxis: {
      type: 'category',
      data: cohorts.map((c) => quarterName(c.label)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.axis } },
      axisLabel: { color: theme.muted, fontSize: 11 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      splitNumber: 4,
      axisLabel: { color: theme.muted, fontSize: 11, formatter: (v: number) => `${Math.round(v * 100)}%` },
      splitLine: { lineStyle: { color: theme.grid } },
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
