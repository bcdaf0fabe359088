import type { ChartTheme } from '../../../components/chart/chart-theme';
import type { ChartOption } from '../../../components/chart/echarts';
import { axisTitle, valueAxis } from '../../../components/chart/option-parts';
import { tipRow, tipTitle } from '../../../components/chart/tooltip';
import { formatInteger, formatPercent } from '../../../lib/format';
import { axisTooltip } from './axis-tooltip';

interface HistogramSpec {
  theme: ChartTheme;
  /** One label per bucket, in order. */
  ticks: string[];
  /** The SRLs in each bucket. */
  leads: number[];
  /** What a bucket counts: the x axis's title. */
  xTitle: string;
  /** The tooltip's heading for one bucket (by index). */
  tipHeading: (index: number) => string;
  /** Name every bucket (a few wide buckets); otherwise names that would overlap are left out. */
  everyTick?: boolean;
  /** A band of buckets to mark, by their ticks (inclusive), with its label. */
  band?: { from: string; to: string; label: string; color: string };
}

/** The two histograms of the page share one look: touching bars, SRLs on the y axis. */
export function histogramOption(spec: HistogramSpec): ChartOption {
  const { theme } = spec;
  const color = theme.series[1];
  const total = spec.leads.reduce((sum, n) => sum + n, 0);
  return {
    animationDuration: 400,
    textStyle: { fontFamily: theme.fontFamily, color: theme.muted },
    grid: { left: 8, right: 16, top: spec.band ? 40 : 28, bottom: 4, containLabel: true },
    tooltip: axisTooltip(theme, (i) => {
      const leads = spec.leads[i];
      if (leads === undefined) return '';
      return `<div class="chart-tip">${tipTitle(spec.tipHeading(i))}${tipRow(color, 'SRLs', `${formatInteger(leads)} (${formatPercent(total > 0 ? leads / total : null)})`)}</div>`;
    }),
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
    yAxis: { ...valueAxis(theme, formatInteger, { name: 'SRLs', along: 'y' }), minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: 'SRLs',
        data: spec.leads,
        barCategoryGap: '12%',
        itemStyle: { color, borderRadius: [3, 3, 0, 0] },
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
