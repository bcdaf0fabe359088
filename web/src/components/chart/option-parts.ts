import type { ChartTheme } from './chart-theme';

/*
 * The pieces of an option that every chart draws alike, so a chart's builder says only what is
 * its own (series, tooltip, grid) and the dashboard and the shared board pack look the same.
 */

type LegendItem = string | { name: string; icon: string };

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

/** The names down the side of a horizontal bar chart, one a bar group. */
export function nameAxis(theme: ChartTheme, names: string[]) {
  return {
    type: 'category' as const,
    data: names,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: theme.axis } },
    // A long name goes onto a second line rather than being cut off.
    axisLabel: { color: theme.text, fontSize: 12, margin: 12, width: 132, overflow: 'break' as const },
  };
}
