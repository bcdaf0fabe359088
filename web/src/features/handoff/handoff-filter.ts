import { type GlobalFilter, parseGlobalFilter, serializeGlobalFilter } from '../../lib/filters';
import { parseEnumParam, parsePositiveIntParam, type UrlSchema, useUrlState } from '../../lib/url-state';

export const handoffSorts = [
  'name',
  'salesReady',
  'medianHours',
  'p75Hours',
  'breached',
  'slaAttainment',
  'acceptedRate',
  'rejectedRate',
  'disqualifiedRate',
] as const;
export type HandoffSort = (typeof handoffSorts)[number];
export type SortOrder = 'asc' | 'desc';

export interface TableSort {
  sort: HandoffSort;
  order: SortOrder;
}

/**
 * The hand-off page's URL: the period and lead filters (the query key), the page of a waiting
 * list, and how the by-source and by-owner tables are sorted (layout, not refetched).
 */
export interface HandoffUrl {
  filter: GlobalFilter;
  page: number;
  bySource: TableSort;
  byOwner: TableSort;
}

const orders = ['asc', 'desc'] as const;
const defaultSort: TableSort = { sort: 'salesReady', order: 'desc' };

const handoffUrl: UrlSchema<HandoffUrl> = {
  parse: (params) => ({
    filter: parseGlobalFilter(params),
    page: parsePositiveIntParam(params.get('page'), 100_000) ?? 1,
    bySource: {
      sort: parseEnumParam(params.get('sort'), handoffSorts) ?? defaultSort.sort,
      order: parseEnumParam(params.get('order'), orders) ?? defaultSort.order,
    },
    byOwner: {
      sort: parseEnumParam(params.get('ownerSort'), handoffSorts) ?? defaultSort.sort,
      order: parseEnumParam(params.get('ownerOrder'), orders) ?? defaultSort.order,
    },
  }),
  serialize: ({ filter, page, bySource, byOwner }) => ({
    ...serializeGlobalFilter(filter),
    page: page === 1 ? undefined : String(page),
    sort: bySource.sort === defaultSort.sort ? undefined : bySource.sort,
    order: bySource.order === defaultSort.order ? undefined : bySource.order,
    ownerSort: byOwner.sort === defaultSort.sort ? undefined : byOwner.sort,
    ownerOrder: byOwner.order === defaultSort.order ? undefined : byOwner.order,
  }),
};

export function useHandoffUrl() {
  return useUrlState(handoffUrl);
}

/** A waiting list's query: the filters (no period: the last 365 days, as the answer's scope says) and the page. */
export type WaitingFilter = GlobalFilter & { page: number };
export const waitingPageSize = 50;
