import { type FetchQueryOptions, type QueryKey, useQueryClient } from '@tanstack/react-query';
import type { PeriodFilter } from './filters';
import { periodName } from './quarters';
import { type PinnedQuery, usePinnedQueries } from './use-pinned-quarter';
import { useQuartersWithData } from './use-quarters-with-data';

interface ResolvedPeriod {
  label: string;
  from: string;
  to: string;
}

interface PeriodPageOptions<F extends PeriodFilter> {
  /** Other queries the pin files under the named quarter too (see `usePinnedQueries`). */
  others?: PinnedQuery<F, unknown>[];
  /** False for a page whose default span is not a quarter (it never names one in the URL). */
  pin?: boolean;
}

/**
 * What every period page derives from its main query: the period the server resolved, today's
 * quarter, whether an older answer stands in, and the header's period, picker and filter props.
 */
export function usePeriodPage<
  F extends PeriodFilter,
  D extends { period: ResolvedPeriod },
  K extends QueryKey,
>(
  filter: F,
  setFilter: (next: F, options?: { replace?: boolean }) => void,
  query: PinnedQuery<F, D>['query'],
  optionsFor: (filter: F) => FetchQueryOptions<D, Error, D, K>,
  { others, pin = true }: PeriodPageOptions<F> = {},
) {
  const queryClient = useQueryClient();
  usePinnedQueries(
    filter,
    setFilter,
    { query, keyFor: (named) => optionsFor(named).queryKey, labelOf: (data) => data.period.label },
    others,
    pin,
  );
  const quarters = useQuartersWithData().data;
  const current = quarters?.current.label ?? null;
  const data = query.data;
  const period = data?.period ?? null;
  const name = period ? periodName(period) : null;
  const prefetch = (next: F) => void queryClient.prefetchQuery(optionsFor(next));
  return {
    data,
    period,
    name,
    quarters,
    current,
    refreshing: query.isPlaceholderData,
    prefetch,
    /** PageHeader's props; a page overrides the few it words differently. */
    header: {
      period: period && name ? { ...period, name } : null,
      pending: query.isPending,
      filter,
      onFilter: setFilter,
      picker: {
        resolved: period,
        current,
        onIntent: (next: PeriodFilter) => prefetch({ ...filter, ...next }),
      },
    },
  };
}
