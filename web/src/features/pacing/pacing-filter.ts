import { type LeadFilterParams, parseGlobalFilter, serializeGlobalFilter } from '../../lib/filters';
import { pacingMetrics } from '../../lib/pacing';
import type { PacingMetric, PacingQuery } from '../../lib/pacing-query';
import {
  parseDateParam,
  parseEnumParam,
  parsePositiveIntParam,
  type UrlSchema,
  useUrlState,
} from '../../lib/url-state';

/** The pacing page's query (the query key): a fiscal quarter, an as-of day, the lead filters. */
export type PacingFilter = PacingQuery;

export interface PacingUrl {
  filter: PacingFilter;
  /** The metric shown in detail (`?metric=`; sales-ready leads unless set): layout, not a query key. */
  metric: PacingMetric;
  /** A source to point out in the gap table (`?focus=ID`), e.g. from the overview's contributors. */
  focus?: number;
}

const pacingUrl: UrlSchema<PacingUrl> = {
  parse: (params) => {
    // Pacing is by fiscal quarter: a from/to range in the URL (carried from another page) is dropped.
    const { from: _from, to: _to, ...rest } = parseGlobalFilter(params);
    const filter: PacingFilter = rest;
    const asOf = parseDateParam(params.get('asOf'));
    if (asOf) filter.asOf = asOf;
    const metric = parseEnumParam(params.get('metric'), pacingMetrics) ?? 'salesReady';
    const focus = parsePositiveIntParam(params.get('focus'), 2_147_483_647);
    return focus ? { filter, metric, focus } : { filter, metric };
  },
  serialize: ({ filter, metric, focus }) => ({
    ...serializeGlobalFilter(filter),
    from: undefined,
    to: undefined,
    asOf: filter.asOf,
    metric: metric === 'salesReady' ? undefined : metric,
    focus: focus === undefined ? undefined : String(focus),
  }),
};

export function usePacingUrl() {
  return useUrlState(pacingUrl);
}

export function leadFiltersOf(filter: PacingFilter): LeadFilterParams {
  const { quarter: _q, asOf: _a, ...rest } = filter;
  return rest;
}
