import type { ChartOption } from './echarts';

/*
 * What every chart needs to stay readable at the width it is given (a phone's 350 px or a
 * desktop's 1200 px): room above the plot for a legend that wraps, axis names and labels kept
 * inside the drawing, and tooltips that stay on screen.
 */

/** Below this width the legend's items sit closer together. */
const narrowWidth = 560;

interface LegendShape {
  data?: (string | { name: string })[];
  left?: number | string;
  right?: number | string;
  itemWidth?: number;
  itemHeight?: number;
  itemGap?: number;
  textStyle?: { fontSize?: number };
  show?: boolean;
}

interface AxisShape {
  type?: string;
  axisLabel?: { width?: number; [key: string]: unknown };
  [key: string]: unknown;
}

interface GridShape {
  top?: number | string;
  containLabel?: boolean;
  [key: string]: unknown;
}

let context: CanvasRenderingContext2D | null | undefined;

function textWidth(text: string, fontSize: number, fontFamily: string): number {
  if (context === undefined) context = document.createElement('canvas').getContext('2d');
  if (!context) return text.length * fontSize * 0.6;
  context.font = `${fontSize}px ${fontFamily}`;
  return context.measureText(text).width;
}

function legendNames(option: ChartOption, legend: LegendShape): string[] {
  if (legend.data) return legend.data.map((d) => (typeof d === 'string' ? d : d.name));
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  const names = series.map((s) => (s as { name?: string }).name).filter((n): n is string => Boolean(n));
  return [...new Set(names)];
}

function singleLegend(option: ChartOption): LegendShape | null {
  const legend = Array.isArray(option.legend) ? option.legend[0] : option.legend;
  if (!legend || (legend as LegendShape).show === false) return null;
  return legend as LegendShape;
}

/** How many lines the legend takes at this width (ECharts wraps it like text). */
function legendRows(option: ChartOption, legend: LegendShape, width: number, gap: number): number {
  const fontSize = legend.textStyle?.fontSize ?? 12;
  const fontFamily = (option.textStyle as { fontFamily?: string } | undefined)?.fontFamily ?? 'sans-serif';
  const inset =
    (typeof legend.left === 'number' ? legend.left : 0) +
    (typeof legend.right === 'number' ? legend.right : 0);
  const available = Math.max(1, width - inset);
  let rows = 1;
  let line = 0;
  for (const name of legendNames(option, legend)) {
    const item = (legend.itemWidth ?? 25) + 5 + textWidth(name, fontSize, fontFamily);
    const next = line === 0 ? item : line + gap + item;
    if (next > available && line > 0) {
      rows += 1;
      line = item;
    } else line = next;
  }
  return rows;
}

/** A short signature of what `fitToWidth` changes: the option is laid out again when it changes. */
export function fitSignature(option: ChartOption, width: number): string {
  if (width <= 0) return 'none';
  const narrow = width < narrowWidth;
  const legend = singleLegend(option);
  if (!legend) return `${narrow}`;
  const gap = narrow ? Math.min(legend.itemGap ?? 10, 12) : (legend.itemGap ?? 10);
  return `${narrow}:${legendRows(option, legend, width, gap)}`;
}

/** The height the legend's extra lines take: the chart grows by it, so the plot keeps its size. */
export function legendExtraHeight(option: ChartOption, width: number): number {
  const legend = singleLegend(option);
  if (!legend || width <= 0) return 0;
  const narrow = width < narrowWidth;
  const gap = narrow ? Math.min(legend.itemGap ?? 10, 12) : (legend.itemGap ?? 10);
  const rows = legendRows(option, legend, width, gap);
  const rowHeight = Math.max(legend.itemHeight ?? 14, (legend.textStyle?.fontSize ?? 12) + 4);
  return (rows - 1) * (rowHeight + gap);
}

export function fitToWidth(option: ChartOption, width: number): ChartOption {
  const fitted: ChartOption = { ...option };
  const legend = singleLegend(option);
  const grid = (Array.isArray(option.grid) ? undefined : option.grid) as GridShape | undefined;
  if (grid) {
    const { containLabel, ...rest } = grid;
    // Axis names as well as axis labels stay inside the drawing (ECharts 6's outer bounds).
    fitted.grid = containLabel ? { ...rest, outerBoundsMode: 'same', outerBoundsContain: 'all' } : grid;
  }
  if (option.tooltip && !Array.isArray(option.tooltip)) fitted.tooltip = { confine: true, ...option.tooltip };
  // Names down the side of a bar chart take at most 36% of a narrow chart; longer ones wrap.
  if (width > 0 && width < narrowWidth) {
    for (const key of ['xAxis', 'yAxis'] as const) {
      const axis = option[key] as AxisShape | AxisShape[] | undefined;
      if (!axis || Array.isArray(axis) || axis.type !== 'category' || !axis.axisLabel?.width) continue;
      const cap = Math.round(width * 0.36);
      if (axis.axisLabel.width > cap)
        (fitted as Record<string, unknown>)[key] = { ...axis, axisLabel: { ...axis.axisLabel, width: cap } };
    }
  }
  if (legend && width > 0) {
    const narrow = width < narrowWidth;
    const gap = narrow ? Math.min(legend.itemGap ?? 10, 12) : (legend.itemGap ?? 10);
    const extra = legendExtraHeight(option, width);
    fitted.legend = { ...legend, itemGap: gap } as ChartOption['legend'];
    if (extra > 0 && fitted.grid && typeof (fitted.grid as GridShape).top === 'number') {
      const top = (fitted.grid as GridShape).top as number;
      fitted.grid = { ...(fitted.grid as GridShape), top: top + extra };
    }
  }
  return fitted;
}
