import { type GlobalFilter, parseGlobalFilter, serializeGlobalFilter } from '../../lib/filters';
import { type LeadStage, leadStageKeys } from '../../lib/stages';
import {
  definedOnly,
  parseEnumParam,
  parsePositiveIntParam,
  parseRangeParam,
  parseTextParam,
  type UrlSchema,
  useUrlState,
} from '../../lib/url-state';

export const leadSorts = [
  'createdAt',
  'salesReadyAt',
  'amount',
  'bantScore',
  'lastTouchAt',
  'company',
] as const;
export type LeadSort = (typeof leadSorts)[number];
export const leadsPageSize = 50;

/** The lead list's query, as the URL holds it; it is also the query key. */
export type LeadsFilter = GlobalFilter & {
  /** Which stage's time falls in the period (lead: created in it). */
  dateStage: LeadStage;
  /** Only leads whose furthest stage is this one. */
  stage?: LeadStage;
  /** Days created → sales-ready (`7-14`, to exclusive; `90-`): a drill-down from the days histogram. */
  srDays?: string;
  /** Marketing touches to sales-ready (`7-15`, both included; `30-`): from the touches histogram. */
  srTouches?: string;
  q?: string;
  sort: LeadSort;
  order: 'asc' | 'desc';
  page: number;
};

export interface LeadsUrl {
  filter: LeadsFilter;
  /** The lead open in the drawer (`?lead=ID`): the list stays as it was underneath. */
  lead?: number;
}

const leadsUrl: UrlSchema<LeadsUrl> = {
  parse: (params) => {
    const filter: LeadsFilter = {
      ...parseGlobalFilter(params),
      dateStage: parseEnumParam(params.get('dateStage'), leadStageKeys) ?? 'lead',
      sort: parseEnumParam(params.get('sort'), leadSorts) ?? 'createdAt',
      order: parseEnumParam(params.get('order'), ['asc', 'desc'] as const) ?? 'desc',
      page: parsePositiveIntParam(params.get('page'), 100_000) ?? 1,
      ...definedOnly({
        stage: parseEnumParam(params.get('stage'), leadStageKeys),
        srDays: parseRangeParam(params.get('srDays')),
        srTouches: parseRangeParam(params.get('srTouches')),
        q: parseTextParam(params.get('q')),
      }),
    };
    const lead = parsePositiveIntParam(params.get('lead'), Number.MAX_SAFE_INTEGER);
    return lead ? { filter, lead } : { filter };
  },
  serialize: ({ filter, lead }) => ({
    ...serializeGlobalFilter(filter),
    dateStage: filter.dateStage === 'lead' ? undefined : filter.dateStage,
    stage: filter.stage,
    srDays: filter.srDays,
    srTouches: filter.srTouches,
    q: filter.q,
    sort: filter.sort === 'createdAt' ? undefined : filter.sort,
    order: filter.order === 'desc' ? undefined : filter.order,
    page: filter.page === 1 ? undefined : String(filter.page),
    lead: lead === undefined ? undefined : String(lead),
  }),
};

export function useLeadsUrl() {
  return useUrlState(leadsUrl);
}
