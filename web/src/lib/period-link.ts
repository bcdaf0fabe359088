import type { PeriodFilter } from './filters';

const quarterPattern = /^\d{4}-Q[1-4]$/;

/** The period a drill-down link should name: the URL's, else the one the server resolved. */
export function linkPeriod(
  filter: PeriodFilter,
  resolved: { label: string; from: string; to: string } | null | undefined,
): PeriodFilter {
  if (filter.quarter) return { quarter: filter.quarter };
  if (filter.from && filter.to) return { from: filter.from, to: filter.to };
  if (!resolved) return {};
  return quarterPattern.test(resolved.label)
    ? { quarter: resolved.label }
    : { from: resolved.from, to: resolved.to };
}
