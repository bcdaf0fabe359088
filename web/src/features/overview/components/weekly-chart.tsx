import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import {
  axisTitle,
  barSeries,
  categoryAxis,
  chartBase,
  shadowPointer,
  topLegend,
  valueAxis,
} from '../../../components/chart/option-parts';
import { escapeHtml, tooltipFrame } from '../../../components/chart/tooltip';
import { formatInteger, formatLongDate, formatShortDate } from '../../../lib/format';
import { type Trend, targetsOf } from '../api/get-trend';

interface WeeklyChartProps {
  trend: Trend;
  /** Today (YYYY-MM-DD, company time zone): weeks starting later have no figures yet. */
  today: string;
  height: number;
}

interface WeekRow {
  weekStart: string;
  leads: number | null;
  salesReady: number | null;
}

/** Leads and sales-ready leads per week, against the quarter's targets spread evenly over its weeks. */
export function WeeklyChart({ trend, today, height }: WeeklyChartProps) {
  const theme = useChartTheme();
  const rows = useMemo(() => weekRows(trend.points, today), [trend.points, today]);
  const weeks = trend.points.length;
  const targets = targetsOf(trend);
  const perWeek = {
    leads: targets.leads !== null && weeks > 0 ? targets.leads / weeks : null,
    salesReady: targets.salesReady !== null && weeks > 0 ? targets.salesReady / weeks : null,
  };
  const option = useMemo(
    () => buildOption(rows, perWeek.leads, perWeek.salesReady, theme),
    [rows, perWeek.leads, perWeek.salesReady, theme],
  );

  const ariaLabel = describe(rows, perWeek);
  return (
    <>
      <EChart option={option} ariaLabel={ariaLabel} height={height} testId="weekly-chart" />
      <table className="visually-hidden">
        <caption>Leads and sales-ready leads per week</caption>
        <thead>
          <tr>
            <th scope="col">Week starting</th>
            <th scope="col">Leads</th>
            <th scope="col">SRLs</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.weekStart}>
              <th scope="row">{formatLongDate(r.weekStart)}</th>
              <td>{formatInteger(r.leads)}</td>
              <td>{formatInteger(r.salesReady)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The chart's rows: one per week; weeks that start after today have no figures yet. */
function weekRows(points: Trend['points'], today: string): WeekRow[] {
  return points.map((p) => {
    const weekStart = 'weekStart' in p ? p.weekStart : p.start;
    if (weekStart > today) return { weekStart, leads: null, salesReady: null };
    return { weekStart, leads: p.leads ?? 0, salesReady: p.salesReady ?? 0 };
  });
}

function describe(rows: WeekRow[], perWeek: { leads: number | null; salesReady: number | null }): string {
  const done = rows.filter((r) => r.leads !== null);
  const total = (key: 'leads' | 'salesReady') => done.reduce((sum, r) => sum + (r[key] ?? 0), 0);
  const parts = [
    `Leads and sales-ready leads per week, ${rows.length} weeks.`,
    `${formatInteger(total('leads'))} leads and ${formatInteger(total('salesReady'))} sales-ready leads in ${done.length} weeks so far.`,
  ];
  if (perWeek.leads !== null) parts.push(`Leads target ${formatInteger(perWeek.leads)} per week.`);
  if (perWeek.salesReady !== null)
    parts.push(`Sales-ready target ${formatInteger(perWeek.salesReady)} per week.`);
  return parts.join(' ');
}

// Legend keys drawn like the marks they stand for: a bar, and a dashed target line.
const barIcon = 'path://M2,0H12A2,2,0,0,1,14,2V10H0V2A2,2,0,0,1,2,0Z';
const dashIcon = 'path://M0,4H4V6H0Z M5,4H9V6H5Z M10,4H14V6H10Z';

const seriesNames = {
  leads: 'Leads',
  salesReady: 'SRLs',
  leadsTarget: 'Leads target',
  salesReadyTarget: 'Sales-ready target',
};

function buildOption(
  rows: WeekRow[],
  leadsTarget: number | null,
  srlTarget: number | null,
  theme: ChartTheme,
): ChartOption {
  const targetLine = (name: string, value: number, color: string) => ({
    type: 'line' as const,
    name,
    data: rows.map(() => Math.round(value * 10) / 10),
    symbol: 'none',
    step: 'middle' as const,
    lineStyle: { type: 'dashed' as const, width: 1.5, color },
    itemStyle: { color },
    emphasis: { disabled: true },
    z: 3,
  });
  const series: ChartOption['series'] = [
    barSeries(
      { name: seriesNames.leads, data: rows.map((r) => r.leads), color: theme.series[0], grows: 'up' },
      { barMaxWidth: 22, barGap: '12%' },
    ),
    barSeries(
      {
        name: seriesNames.salesReady,
        data: rows.map((r) => r.salesReady),
        color: theme.series[1],
        grows: 'up',
      },
      { barMaxWidth: 22 },
    ),
  ];
  if (leadsTarget !== null) series.push(targetLine(seriesNames.leadsTarget, leadsTarget, theme.series[2]));
  if (srlTarget !== null) series.push(targetLine(seriesNames.salesReadyTarget, srlTarget, theme.series[3]));

  return {
    ...chartBase(theme, { right: 8, top: 44 }),
    legend: topLegend(theme, [
      { name: seriesNames.leads, icon: barIcon },
      { name: seriesNames.salesReady, icon: barIcon },
      { name: seriesNames.leadsTarget, icon: dashIcon },
      { name: seriesNames.salesReadyTarget, icon: dashIcon },
    ]),
    tooltip: {
      trigger: 'axis',
      axisPointer: shadowPointer(theme),
      ...tooltipFrame(theme),
      formatter: (params) => tooltipHtml(rows, params),
    },
    xAxis: {
      ...axisTitle(theme, 'Week starting', 'x'),
      ...categoryAxis(
        theme,
        rows.map((r) => formatShortDate(r.weekStart)),
        { color: theme.muted, fontSize: 11, margin: 10, hideOverlap: true },
      ),
    },
    yAxis: valueAxis(theme, formatInteger, { name: 'Leads a week', along: 'y' }),
    series,
  };
}

interface TooltipParam {
  dataIndex: number;
  seriesName?: string;
  value?: unknown;
  color?: unknown;
}

function tooltipHtml(rows: WeekRow[], raw: unknown): string {
  const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
  const first = params[0];
  const row = first ? rows[first.dataIndex] : undefined;
  if (!row) return '';
  const lines = params.map((p) => {
    const isTarget =
      p.seriesName === seriesNames.leadsTarget || p.seriesName === seriesNames.salesReadyTarget;
    const value = typeof p.value === 'number' ? formatInteger(p.value) : 'no data yet';
    const swatch = `<span class="chart-tip-swatch${isTarget ? ' is-target' : ''}" style="--swatch:${String(p.color)}"></span>`;
    return `<div class="chart-tip-row">${swatch}<span>${escapeHtml(p.seriesName ?? '')}${isTarget ? ' / week' : ''}</span><b>${value}</b></div>`;
  });
  return `<div class="chart-tip"><div class="chart-tip-title">Week of ${formatLongDate(row.weekStart)}</div>${lines.join('')}</div>`;
}
