import { useMemo } from 'react';
import { type ChartTheme, useChartTheme } from '../../../components/chart/chart-theme';
import { EChart } from '../../../components/chart/e-chart';
import type { ChartOption } from '../../../components/chart/echarts';
import { tipRow, tipTitle, tooltipFrame } from '../../../components/chart/tooltip';
import { categoryNames, sourceCategories } from '../../../lib/filters';
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

/** Volume against quality: leads (x) against SRL rate (y), bubble area by won revenue, colour by category. */
export function QualityScatter({ rows, average, height, onSelect }: QualityScatterProps) {
  const theme = useChartTheme();
  const plotted = useMemo(() => rows.filter((r) => r.leads > 0), [rows]);
  const bySeries = useMemo(
    () => sourceCategories.map((c) => plotted.filter((r) => r.category === c)).filter((g) => g.length > 0),
    [plotted],
  );
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
  const series: ChartOption['series'] = groups.map((rows, i) => {
    const category = rows[0]?.category ?? 'other';
    const color = theme.categories[category];
    return {
      type: 'scatter',
      name: categoryNames[category],
      data: rows.map((r) => ({
        value: [r.leads, r.salesReadyRate ?? 0],
        name: r.source,
        revenue: r.revenue,
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
    // Room on the right for the labels of the biggest sources.
    grid: { left: 8, right: 88, top: 44, bottom: 30, containLabel: true },
    legend: {
      top: 0,
      right: 0,
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
