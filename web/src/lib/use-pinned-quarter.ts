import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
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
  // The latest callback, without re-running the effect each time its closure is new.
  const before = useRef(beforePin);
  before.current = beforePin;
  useEffect(() => {
    if (!label) return;
    const named = { ...filter, quarter: label };
    before.current?.(named);
    setFilter(named, { replace: true });
  }, [label, filter, setFilter]);
}

/** A page's query, as the pin needs it: its answer and the key that answer is filed under. */
export interface PinnedQuery<F, D> {
  query: { data: D | undefined; isSuccess: boolean; isPending: boolean; isPlaceholderData: boolean };
  keyFor: (named: F) => QueryKey;
  /** The pin waits for this answer too (settled, or failed), so it is never asked for twice. */
  awaited?: boolean;
  /** Whether the answer in hand is the named filter's (false: it is not filed under its key). */
  fits?: (named: F) => boolean;
}

/**
 * `usePinnedQuarter` for a page whose figures come from queries: the quarter is named once the
 * main query (and every `awaited` one) has settled, and `enabled`; every settled answer is filed
 * under the named filter's key first, so the URL change refetches nothing.
 */
export function usePinnedQueries<F extends PeriodFilter, D>(
  filter: F,
  setFilter: (next: F, options?: { replace?: boolean }) => void,
  main: PinnedQuery<F, D> & { labelOf: (data: D) => string },
  others: PinnedQuery<F, unknown>[] = [],
  enabled = true,
): void {
  const queryClient = useQueryClient();
  const { query } = main;
  const settled =
    enabled &&
    query.isSuccess &&
    !query.isPlaceholderData &&
    query.data !== undefined &&
    others.every(({ query: q, awaited }) => !awaited || (!q.isPending && !q.isPlaceholderData));
  usePinnedQuarter(filter, settled ? main.labelOf(query.data as D) : undefined, setFilter, (named) => {
    for (const { query: q, keyFor, fits } of [main, ...others])
      if (q.data !== undefined && !q.isPlaceholderData && (fits?.(named) ?? true))
        queryClient.setQueryData(keyFor(named), q.data);
  });
}
