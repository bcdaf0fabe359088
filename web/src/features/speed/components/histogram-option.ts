import type { ChartTheme } from '../../../components/chart/chart-theme';
import type { ChartOption } from '../../../components/chart/echarts';
import { axisTitle, shadowPointer, valueAxis } from '../../../components/chart/option-parts';
import { tooltipFrame } from '../../../components/chart/tooltip';
import { formatInteger } from '../../../lib/format';

interface HistogramSpec {
  theme: ChartTheme;
  /** One label per bucket, in order. */
  ticks: string[];
  values: number[];
  /** The axes' titles: what a bucket counts (x) and what a bar counts (y). */
  xTitle: string;
  yTitle: string;
  /** Name every bucket (a few wide buckets); otherwise names that would overlap are left out. */
  everyTick?: boolean;
  color: string;
  tooltip: (index: number) => string;
  /** A band of buckets to mark, by their ticks (inclusive), with its label. */
  band?: { from: string; to: string; label: string; color: string };
}

/** The two histograms of the page share one look: touching bars, counts on the y axis. */
export function histogramOption(spec: HistogramSpec): ChartOption {
  const { theme } = spec;
  return {
    animationDuration: 400,
    textStyle: { fontFamily: theme.fontFamily, color: theme.muted },
    grid: { left: 8, right: 16, top: spec.band ? 40 : 28, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: shadowPointer(theme),
      ...tooltipFrame(theme),
      formatter: (raw: unknown) => {
        const first = (Array.isArray(raw) ? raw[0] : raw) as { dataIndex?: number } | undefined;
        return spec.tooltip(first?.dataIndex ?? 0);
      },
    },
    xAxis: {
      ...axisTitle(theme, spec.xTitle, 'x'),
      type: 'category',
      data: spec.ticks,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.axis } },
      axisLabel: spec.everyTick
        ? { color: theme.muted, fontSize: 10, margin: 10, interval: 0 }
        : { color: theme.muted, fontSize: 11, margin: 10, hideOverlap: true },
    },
    yAxis: { ...valueAxis(theme, formatInteger, { name: spec.yTitle, along: 'y' }), minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: 'SRLs',
        data: spec.values,
        barCategoryGap: '12%',
        itemStyle: { color: spec.color, borderRadius: [3, 3, 0, 0] },
        emphasis: { focus: 'none' },
        ...(spec.band && {
          markArea: {
            silent: true,
            itemStyle: { color: spec.band.color, opacity: 0.14 },
            label: {
              show: true,
              position: 'top',
              color: theme.text,
              fontSize: 11,
              formatter: spec.band.label,
            },
            data: [[{ xAxis: spec.band.from }, { xAxis: spec.band.to }]],
          },
        }),
      },
    ],
  };
}
