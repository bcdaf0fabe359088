import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { sourceColor } from '../../../components/chart/source-colors';
import { tipRow, tipTitle, tooltipFrame } from '../../../components/chart/tooltip';
import { formatInteger, formatMoneyCompact, formatPercent } from '../../../lib/format';
import type { SourceReportRow } from '../api/get-source-report';

interface QualityScatterProps {
  rows: SourceReportRow[];
  /** The SRL rate of all sources together: the dashed line. */
  average: number | null;
  height: number;
  /** A bubble was clicked. */
  onSelect: (row: SourceReportRow) => void;
}

/** Volume against quality: leads (x) against SRL rate (y), bubble area by won revenue, colour by source. */
export function QualityScatter({ rows, average, height, onSelect }: QualityScatterProps) {
  const theme = useChartTheme();
  const plotted = useMemo(() => rows.filter((r) => r.leads > 0), [rows]);
  // One series a source, in its own colour: the legend names them, as the bubbles' labels may not fit.
  const bySeries = useMemo(() => plotted.map((r) => [r]), [plotted]);
  const option = useMemo(() => buildOption(bySeries, average, theme), [bySeries, average, theme]);
  return (
    <EChart
      option={option}
      ariaLabel={describe(plotted, average)}
      height={height}
      testId="quality-scatter"
      onClick={({ seriesIndex, dataIndex }) => {
        const row = bySeries[seriesIndex]?.[dataIndex];
        if (row) onSelect(row);
      }}
    />
  );
}

function describe(rows: SourceReportRow[], average: number | null): string {
  if (rows.length === 0) return 'Volume against quality: no source has leads in the period.';
  const best = rows.reduce((a, b) => ((b.salesReadyRate ?? -1) > (a.salesReadyRate ?? -1) ? b : a));
  const biggest = rows.reduce((a, b) => (b.leads > a.leads ? b : a));
  return [
    `Volume against quality for ${rows.length} sources: leads against SRL rate, bubble size by won revenue.`,
    `Most leads: ${biggest.source}, ${formatInteger(biggest.leads)}.`,
    `Highest SRL rate: ${best.source}, ${formatPercent(best.salesReadyRate)}.`,
    average !== null ? `All sources: ${formatPercent(average)}.` : '',
  ].join(' ');
}

function buildOption(groups: SourceReportRow[][], average: number | null, theme: ChartTheme): ChartOption {
  const maxRevenue = Math.max(0, ...groups.flat().map((r) => r.revenue));
  const size = (revenue: number) => (maxRevenue > 0 ? 11 + 33 * Math.sqrt(revenue / maxRevenue) : 14);
  const maxLeads = Math.max(0, ...groups.flat().map((r) => r.leads));
  const series: ChartOption['series'] = groups.map((rows, i) => {
    const color = sourceColor(theme, rows[0]?.sourceId ?? null);
    return {
      type: 'scatter',
      name: rows[0]?.source ?? '',
      data: rows.map((r) => ({
        value: [r.leads, r.salesReadyRate ?? 0],
        name: r.source,
        revenue: r.revenue,
        // Bubbles on the right half are named on their left, so no name runs off the chart.
        label: { position: r.leads > maxLeads * 0.55 ? ('left' as const) : ('right' as const) },
      })),
      symbolSize: (_value: unknown, params: { data?: unknown }) =>
        size((params.data as { revenue?: number } | undefined)?.revenue ?? 0),
      itemStyle: { color, opacity: 0.78, borderColor: theme.surface, borderWidth: 1 },
      emphasis: { scale: 1.08, itemStyle: { opacity: 1 } },
      cursor: 'pointer',
      label: {
        show: true,
        position: 'right',
        distance: 6,
        formatter: '{b}',
        color: theme.text,
        fontSize: 11,
      },
      labelLayout: { hideOverlap: true },
      ...(i === 0 && average !== null
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: theme.muted, type: 'dashed' as const, width: 1 },
              label: {
                formatter: `All sources ${formatPercent(average)}`,
                position: 'insideEndTop' as const,
                color: theme.muted,
                fontSize: 11,
              },
              data: [{ yAxis: average }],
            },
          }
        : {}),
    };
  });
  return {
    animationDuration: 400,
    textStyle: { fontFamily: theme.fontFamily, color: theme.muted },
    grid: { left: 8, right: 24, top: 44, bottom: 4, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      icon: 'circle',
      itemWidth: 10,
      itemHeight: 10,
      itemGap: 20,
      textStyle: { color: theme.text, fontSize: 12 },
      inactiveColor: theme.grid,
    },
    tooltip: {
      trigger: 'item',
      ...tooltipFrame(theme),
      formatter: (raw: unknown) => {
        const p = raw as { name: string; color: string; data: { value: [number, number]; revenue: number } };
        return `<div class="chart-tip">${tipTitle(p.name)}${tipRow(p.color, 'Leads', formatInteger(p.data.value[0]))}${tipRow(p.color, 'SRL rate', formatPercent(p.data.value[1]))}${tipRow(p.color, 'Won revenue', formatMoneyCompact(p.data.revenue))}<div class="chart-tip-hint">Click to open these leads</div></div>`;
      },
    },
    xAxis: {
      type: 'value',
      name: 'Leads',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: theme.muted, fontSize: 11 },
      min: 0,
      splitNumber: 4,
      axisLine: { lineStyle: { color: theme.axis } },
      axisTick: { show: false },
      axisLabel: { color: theme.muted, fontSize: 11, formatter: (v: number) => formatInteger(v) },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: 'value',
      name: 'SRL rate',
      nameGap: 14,
      nameTextStyle: { color: theme.muted, fontSize: 11, align: 'left' },
      min: 0,
      splitNumber: 4,
      axisLabel: {
        color: theme.muted,
        fontSize: 11,
        formatter: (v: number) => formatPercent(v).replace('.0%', '%'),
      },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    series,
  };
}
