import type { ChartTheme } from '../../../components/chart/chart-theme';
import { shadowPointer } from '../../../components/chart/option-parts';
import { tooltipFrame } from '../../../components/chart/tooltip';

/** A bar chart's tooltip for the hovered category, written by `tipAt` from the category's index. */
export function axisTooltip(theme: ChartTheme, tipAt: (index: number) => string) {
  return {
    trigger: 'axis' as const,
    axisPointer: shadowPointer(theme),
    ...tooltipFrame(theme),
    formatter: (raw: unknown) => {
      // ECharts passes one entry per series on the axis; they share the index.
      const first = (Array.isArray(raw) ? raw[0] : raw) as { dataIndex?: number } | undefined;
      return tipAt(first?.dataIndex ?? 0);
    },
  };
}
