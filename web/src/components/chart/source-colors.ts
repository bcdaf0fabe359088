import type { ChartTheme } from './chart-theme';

/**
 * A source's colour on every chart: keyed by the source's id, so it does not change with the
 * filters, the sort or the page. Sources without one ("Unknown") are grey, like category "other".
 */
export function sourceColor(theme: ChartTheme, sourceId: number | null): string {
  if (sourceId === null || theme.palette.length === 0) return theme.categories.other;
  const n = theme.palette.length;
  return theme.palette[(((sourceId - 1) % n) + n) % n] ?? theme.categories.other;
}
