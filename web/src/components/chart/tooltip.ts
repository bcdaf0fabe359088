import type { ChartTheme } from './chart-theme';
import { shadowPointer } from './option-parts';

/** Text from data, made safe to put in a tooltip's HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The tooltip frame every chart shares: the product's surface, border and type. */
export function tooltipFrame(theme: ChartTheme) {
  return {
    backgroundColor: theme.surface,
    borderColor: theme.border,
    borderWidth: 1,
    padding: [8, 12] as [number, number],
    textStyle: { color: theme.text, fontSize: 12 },
    extraCssText: 'box-shadow: 0 4px 16px rgba(15, 23, 42, 0.12); border-radius: 8px;',
  };
}

/** One line of a tooltip: swatch, label, figure. */
export function tipRow(color: string, label: string, value: string): string {
  return `<div class="chart-tip-row"><span class="chart-tip-swatch" style="--swatch:${color}"></span><span>${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`;
}

export function tipTitle(title: string): string {
  return `<div class="chart-tip-title">${escapeHtml(title)}</div>`;
}

/** One series' point of the hovered category, as ECharts hands it to an axis tooltip. */
export interface AxisPoint {
  dataIndex: number;
  seriesIndex: number;
  color: string;
}

/**
 * The tooltip of the hovered category, in the shared frame: `tip` writes it from the category's
 * index (−1 when there is none) and its series' points. A bar chart shades the category behind.
 */
export function categoryTooltip(
  theme: ChartTheme,
  tip: (index: number, points: AxisPoint[]) => string,
  shade = false,
) {
  return {
    trigger: 'axis' as const,
    ...(shade ? { axisPointer: shadowPointer(theme) } : {}),
    ...tooltipFrame(theme),
    formatter: (raw: unknown) => {
      const points = raw as AxisPoint[];
      return tip(points[0]?.dataIndex ?? -1, points);
    },
  };
}
