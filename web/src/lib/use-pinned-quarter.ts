import { useEffect } from 'react';
import type { PeriodFilter } from './filters';

const quarterPattern = /^\d{4}-Q[1-4]$/;

/**
 * The default view is "this quarter"; once the server has named it, the URL names it too (in
 * place, no new history entry), so a copied link keeps showing that quarter after it ends.
 * `beforePin` files the answers already in hand under the named key, so nothing refetches.
 */
export function usePinnedQuarter<F extends PeriodFilter>(
  filter: F,
  resolvedLabel: string | undefined,
  setFilter: (next: F, options?: { replace?: boolean }) => void,
  beforePin?: (named: F) => void,
): void {
  const unpinned = !filter.quarter && !filter.from;
  const label = unpinned && resolvedLabel && quarterPattern.test(resolvedLabel) ? resolvedLabel : undefined;
  useEffect(() => {
    if (!label) return;
    const named = { ...filter, quarter: label };
    beforePin?.(named);
    setFilter(named, { replace: true });
  }, [label, filter, setFilter, beforePin]);
}
