import type { ChartTheme } from './chart-theme';

/*
 * The pieces of an option that every chart draws alike, so a chart's builder says only what is
 * its own (series, tooltip, grid) and the dashboard and the shared board pack look the same.
 */

type LegendItem = string | { name: string; icon: string };

/**
 * How every chart's option starts: a short entrance, the page's type, and a grid that holds the axis
 * labels. Only the right margin (a last label) and the top (a legend) differ between charts.
 */
export function chartBase(theme: ChartTheme, margin: { right: number; top: number }) {
  return {
    animationDuration: 400,
    textStyle: { fontFamily: theme.fontFamily, color: theme.muted },
    grid: { left: 8, right: margin.right, top: margin.top, bottom: 4, containLabel: true },
  };
}

/** The legend above the plot, on the left. */
export function topLegend(theme: ChartTheme, data: LegendItem[]) {
  return {
    top: 0,
    left: 0,
    data,
    itemWidth: 14,
    itemHeight: 10,
    itemGap: 24,
    textStyle: { color: theme.text, fontSize: 12 },
    inactiveColor: theme.grid,
  };
}

/** The band behind the hovered category of a bar chart. */
export function shadowPointer(theme: ChartTheme) {
  return { type: 'shadow' as const, shadowStyle: { color: theme.grid, opacity: 0.35 } };
}

/**
 * An axis's title, with its unit: above a vertical axis, or centred under a horizontal one. The
 * grid keeps it inside the drawing (see fit-width.ts).
 */
export function axisTitle(theme: ChartTheme, name: string, along: 'x' | 'y') {
  return along === 'y'
    ? {
        name,
        nameLocation: 'end' as const,
        nameGap: 12,
        nameTextStyle: { color: theme.muted, fontSize: 11, align: 'left' as const },
      }
    : {
        name,
        nameLocation: 'middle' as const,
        nameGap: 26,
        nameTextStyle: { color: theme.muted, fontSize: 11 },
      };
}

/** A value axis: four gridlines, muted labels in the figure's own format, and its title if given. */
export function valueAxis(
  theme: ChartTheme,
  format: (v: number) => string,
  title?: { name: string; along: 'x' | 'y' },
) {
  return {
    ...(title && axisTitle(theme, title.name, title.along)),
    type: 'value' as const,
    splitNumber: 4,
    axisLabel: { color: theme.muted, fontSize: 11, hideOverlap: true, formatter: (v: number) => format(v) },
    splitLine: { lineStyle: { color: theme.grid } },
  };
}

/** A category axis: its line, no ticks, and its names written as `axisLabel` says. */
export function categoryAxis<Label extends object>(theme: ChartTheme, data: string[], axisLabel: Label) {
  return {
    type: 'category' as const,
    data,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: theme.axis } },
    axisLabel,
  };
}

/** The names down the side of a horizontal bar chart, one a bar group. */
export function nameAxis(theme: ChartTheme, names: string[]) {
  // A long name goes onto a second line rather than being cut off.
  return categoryAxis(theme, names, {
    color: theme.text,
    fontSize: 12,
    margin: 12,
    width: 132,
    overflow: 'break' as const,
  });
}

/**
 * A bar series with its outer corners rounded (the top of an upright bar, the end of a lying one);
 * hovering a bar leaves the others as they are. `layout` sizes and places the bars.
 */
export function barSeries<Layout extends object>(
  bar: { name: string; data: (number | null)[]; color: string; grows: 'up' | 'right' },
  layout: Layout,
) {
  return {
    type: 'bar' as const,
    name: bar.name,
    data: bar.data,
    itemStyle: { color: bar.color, borderRadius: bar.grows === 'up' ? [3, 3, 0, 0] : [0, 3, 3, 0] },
    ...layout,
    emphasis: { focus: 'none' as const },
  };
}
