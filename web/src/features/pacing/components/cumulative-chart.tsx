import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { axisTitle, chartBase } from '../../../components/chart/option-parts';
import { escapeHtml, tipRow, tipTitle, tooltipFrame } from '../../../components/chart/tooltip';
import { formatLongDate, formatShortDate, inSentence, moneyCurrency } from '../../../lib/format';
import { formatMetric, metricWords } from '../../../lib/pacing';
import type { PacingFigures, PacingMetric } from '../../../lib/pacing-query';

export interface CumulativePoint {
  /** Days from the quarter's first day to the end of the slice. */
  day: number;
  value: number;
}

export interface CumulativeChartProps {
  metric: PacingMetric;
  figures: PacingFigures;
  /** The quarter's first day (YYYY-MM-DD). */
  from: string;
  daysElapsed: number;
  daysInQuarter: number;
  /** Cumulative actuals by week; null when the API has no weekly series for the metric. */
  actual: CumulativePoint[] | null;
  height: number;
}

const names = {
  actual: 'Actual to date',
  expected: 'Usual path to target',
  expectedNow: 'Expected by now',
  projection: 'Projection',
  range: 'P10–P90 range',
  target: 'Target',
};

/**
 * The quarter day by day: actual so far, the usual path to the target through today's expected
 * figure, and the projection to quarter end with its range; the target as a line.
 */
export function CumulativeChart({
  metric,
  figures,
  from,
  daysElapsed,
  daysInQuarter,
  actual,
  height,
}: CumulativeChartProps) {
  const theme = useChartTheme();
  const option = useMemo(
    () => buildOption({ metric, figures, from, daysElapsed, daysInQuarter, actual, theme }),
    [metric, figures, from, daysElapsed, daysInQuarter, actual, theme],
  );
  const fmt = (v: number | null) => formatMetric(metric, v);
  const label = [
    `Cumulative ${inSentence(metricWords[metric].label)} over the quarter's ${daysInQuarter} days, day ${daysElapsed} so far.`,
    `Actual ${fmt(figures.actualToDate)}`,
    figures.expectedToDate !== null ? `expected by now ${fmt(figures.expectedToDate)}` : null,
    `projection ${fmt(figures.projection)} (P10–P90 ${fmt(figures.projectionLow)} to ${fmt(figures.projectionHigh)})`,
    figures.target !== null ? `target ${fmt(figures.target)}.` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return <EChart option={option} ariaLabel={label} height={height} testId="cumulative-chart" />;
}

function dayDate(from: string, day: number): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + day);
  return d.toISOString().slice(0, 10);
}

type BuildArgs = Omit<CumulativeChartProps, 'height'> & { theme: ChartTheme };

function buildOption({
  metric,
  figures: f,
  from,
  daysElapsed: d,
  daysInQuarter: n,
  actual,
  theme,
}: BuildArgs): ChartOption {
  const fmt = (v: number) => formatMetric(metric, v);
  // The day a point stands for is the end of it: day k is the end of the quarter's k-th day.
  const dateOf = (day: number) => dayDate(from, Math.max(0, day - 1));
  const actualLine: [number, number][] = actual
    ? [[0, 0], ...actual.map((p): [number, number] => [p.day, p.value])]
    : [];
  // The last slice ends on the as-of day: its sum is the API's actual to date.
  if (actualLine.length > 0) actualLine[actualLine.length - 1] = [d, f.actualToDate];
  const rest = d < n;
  const series: NonNullable<ChartOption['series']> = [];
  if (rest) {
    // The range: a transparent base at P10 with the P10–P90 spread stacked on top.
    series.push(
      {
        type: 'line',
        name: names.range,
        stack: 'range',
        data: [
          [d, f.actualToDate],
          [n, f.projectionLow],
        ],
        symbol: 'none',
        lineStyle: { width: 0 },
        areaStyle: { opacity: 0 },
        tooltip: { show: false },
        emphasis: { disabled: true },
        silent: true,
      },
      {
        type: 'line',
        name: names.range,
        stack: 'range',
        data: [
          [d, 0],
          [n, f.projectionHigh - f.projectionLow],
        ],
        symbol: 'none',
        lineStyle: { width: 0 },
        areaStyle: { color: theme.projected, opacity: 0.55 },
        tooltip: { show: false },
        emphasis: { disabled: true },
        silent: true,
      },
    );
  }
  if (f.target !== null) {
    const path: [number, number][] =
      f.expectedToDate !== null && d > 0 && d < n
        ? [
            [0, 0],
            [d, f.expectedToDate],
            [n, f.target],
          ]
        : [
            [0, 0],
            [n, f.target],
          ];
    series.push({
      type: 'line',
      name: names.expected,
      data: path,
      symbol: 'none',
      lineStyle: { type: [2, 4], width: 1.5, color: theme.muted },
      itemStyle: { color: theme.muted },
      emphasis: { disabled: true },
      silent: true,
      z: 2,
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: theme.text, width: 2, type: 'solid' },
        label: {
          position: 'insideStartTop',
          formatter: `Target ${fmt(f.target)}`,
          color: theme.text,
          fontSize: 11,
          fontWeight: 600,
        },
        data: [{ yAxis: f.target }],
      },
    });
  }
  if (actualLine.length > 0) {
    series.push({
      type: 'line',
      name: names.actual,
      data: actualLine,
      symbol: 'circle',
      symbolSize: 5,
      showSymbol: true,
      lineStyle: { width: 2.5, color: theme.accent },
      itemStyle: { color: theme.accent },
      areaStyle: { color: theme.accent, opacity: 0.08 },
      z: 4,
      markLine: {
        silent: true,
        symbol: 'none',
        lineStyle: { color: theme.axis, width: 1, type: 'solid' },
        label: {
          position: 'end',
          formatter: rest ? `As of ${formatShortDate(dateOf(d))}` : 'Quarter end',
          color: theme.muted,
          fontSize: 11,
        },
        data: [{ xAxis: d }],
      },
    });
  }
  if (rest) {
    series.push({
      type: 'line',
      name: names.projection,
      data: [
        [d, f.actualToDate],
        [n, f.projection],
      ],
      symbol: 'circle',
      symbolSize: 9,
      showSymbol: true,
      lineStyle: { width: 2, type: [6, 4], color: theme.accent },
      itemStyle: { color: theme.surface, borderColor: theme.accent, borderWidth: 2 },
      z: 5,
    });
  }
  // Markers: today's actual (when there is no weekly line) and today's expected figure.
  const points: { value: [number, number]; name: string; color: string; symbol: string; size: number }[] = [];
  if (actualLine.length === 0 && d > 0)
    points.push({
      value: [d, f.actualToDate],
      name: names.actual,
      color: theme.accent,
      symbol: 'circle',
      size: 9,
    });
  if (f.expectedToDate !== null && d > 0 && d < n)
    points.push({
      value: [d, f.expectedToDate],
      name: names.expectedNow,
      color: theme.muted,
      symbol: 'diamond',
      size: 11,
    });
  if (points.length > 0) {
    series.push({
      type: 'scatter',
      name: names.expectedNow,
      data: points.map((p) => ({
        value: p.value,
        name: p.name,
        symbol: p.symbol,
        symbolSize: p.size,
        itemStyle: { color: p.color },
      })),
      z: 6,
    });
  }
  const top = Math.max(f.target ?? 0, f.projectionHigh, f.actualToDate) * 1.08;

  return {
    ...chartBase(theme, { right: 24, top: 32 }),
    tooltip: {
      trigger: 'item',
      ...tooltipFrame(theme),
      formatter: (raw: unknown) => {
        const p = raw as { seriesName?: string; name?: string; value?: [number, number]; color?: string };
        if (!p.value) return '';
        const [day, value] = p.value;
        const label = p.name || p.seriesName || '';
        const when =
          day === 0
            ? `Start of the quarter, ${formatLongDate(from)}`
            : `End of ${formatLongDate(dateOf(day))} (day ${day})`;
        return `<div class="chart-tip">${tipTitle(when)}${tipRow(String(p.color ?? theme.accent), label, fmt(value))}${
          label === names.projection && day === n
            ? `<div class="chart-tip-hint">${escapeHtml(`P10–P90 ${fmt(f.projectionLow)} – ${fmt(f.projectionHigh)}`)}</div>`
            : ''
        }</div>`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: n,
      interval: 7,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.axis } },
      splitLine: { show: false },
      axisLabel: {
        color: theme.muted,
        fontSize: 11,
        hideOverlap: true,
        formatter: (v: number) => formatShortDate(dayDate(from, v)),
      },
    },
    yAxis: {
      ...axisTitle(
        theme,
        `${metricWords[metric].label}${metricWords[metric].unit === 'amount' ? ` (${moneyCurrency()})` : ''}, cumulative`,
        'y',
      ),
      type: 'value',
      min: 0,
      max: top,
      splitNumber: 4,
      axisLabel: {
        color: theme.muted,
        fontSize: 11,
        formatter: (v: number) => (v >= top ? '' : fmt(v)),
      },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    series,
  };
}
