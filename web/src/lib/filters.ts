import {
  definedOnly,
  parseDateParam,
  parseEnumParam,
  parseIdListParam,
  parseQuarterParam,
  parseTextParam,
} from './url-state';

export const sourceCategories = ['marketing', 'sales', 'partner', 'other'] as const;
export type SourceCategory = (typeof sourceCategories)[number];

export const categoryNames: Record<SourceCategory, string> = {
  marketing: 'Marketing',
  sales: 'Sales',
  partner: 'Partner',
  other: 'Other',
};

// Type aliases, not interfaces: they must fit the API client's query types (an index signature).

/** A fiscal quarter (`2026-Q1`) or a range of days [from, to); neither means this quarter. */
export type PeriodFilter = {
  quarter?: string;
  from?: string;
  to?: string;
};

/** The lead filters every page shares, as the API takes them. */
export type LeadFilterParams = {
  /** Source ids, comma-separated. */
  source?: string;
  category?: SourceCategory;
  segment?: string;
  owner?: string;
};

export type GlobalFilter = PeriodFilter & LeadFilterParams;

/** The query keys every page shares: a link from one page to another carries them. */
export const globalFilterKeys = ['quarter', 'from', 'to', 'source', 'category', 'segment', 'owner'] as const;
export const periodKeys = ['quarter', 'from', 'to'] as const;

/** The period in the URL: a quarter wins over a half-given range; a range needs both ends, in order. */
export function parsePeriod(params: URLSearchParams): PeriodFilter {
  const quarter = parseQuarterParam(params.get('quarter'));
  if (quarter) return { quarter };
  const from = parseDateParam(params.get('from'));
  const to = parseDateParam(params.get('to'));
  return from && to && from < to ? { from, to } : {};
}

/** The period and the lead filters, parsed from the URL; absent keys stay absent. */
export function parseGlobalFilter(params: URLSearchParams): GlobalFilter {
  return {
    ...parsePeriod(params),
    ...definedOnly({
      source: parseIdListParam(params.get('source')),
      category: parseEnumParam(params.get('category'), sourceCategories),
      segment: parseTextParam(params.get('segment')),
      owner: parseTextParam(params.get('owner')),
    }),
  };
}

export function serializeGlobalFilter(filter: GlobalFilter): Record<string, string | undefined> {
  return {
    quarter: filter.quarter,
    from: filter.quarter ? undefined : filter.from,
    to: filter.quarter ? undefined : filter.to,
    source: filter.source,
    category: filter.category,
    segment: filter.segment,
    owner: filter.owner,
  };
}

/** The lead filters of a filter (no period), e.g. to count how many are set. */
export function leadFilterOf(filter: GlobalFilter): LeadFilterParams {
  const { source, category, segment, owner } = filter;
  return definedOnly({ source, category, segment, owner });
}

export function hasLeadFilter(filter: GlobalFilter): boolean {
  return Object.keys(leadFilterOf(filter)).length > 0;
}

/** The same view with the lead filters (source, category, segment, owner) cleared. */
export function withoutLeadFilter<F extends GlobalFilter>(filter: F): F {
  return { ...filter, source: undefined, category: undefined, segment: undefined, owner: undefined };
}

/**
 * The shared filters of the current query string, to carry onto a link to another page.
 * `withPeriod: false` leaves the period behind (the cohorts page spans many quarters).
 */
export function sharedSearch(search: string, { withPeriod = true } = {}): string {
  const from = new URLSearchParams(search);
  const to = new URLSearchParams();
  for (const key of globalFilterKeys) {
    if (!withPeriod && (periodKeys as readonly string[]).includes(key)) continue;
    const value = from.get(key);
    if (value) to.set(key, value);
  }
  const query = to.toString();
  return query ? `?${query}` : '';
}
