import { type Database, selectRows } from '@salesready/db/client';
import {
  comparisonPeriods,
  daysBetween,
  fiscalQuarter,
  isValidDate,
  type Period,
  parseQuarter,
  quarterMessage,
  quarterOfDate,
  todayIn,
} from '@salesready/db/periods';
import type { LeadFilter, MetricFilter } from '@salesready/db/queries/filter';
import { type SourceCategory, sourceCategories } from '@salesready/db/schema/sources';
import { readSettings } from '@salesready/db/settings';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../errors';
import { dateParam, quarterLabel } from '../params';

const maxRangeDays = 3660;
const maxListValues = 100;

/** `?quarter=2026-Q1` (fiscal) or `?from=YYYY-MM-DD&to=YYYY-MM-DD` (to exclusive); neither means this quarter. */
const periodShape = {
  quarter: quarterLabel.optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
};

/**
 * A filter that may be given several times (`?source=1&source=2`) and, where `commas` is set, as a
 * comma-separated list (`?source=1,2`). Free-text values (segment, country, owner) may contain
 * commas, so they are only ever repeated. An empty value means no filter.
 */
export function listParam<T>(parseItem: (raw: string) => T | undefined, what: string, commas: boolean) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value, ctx): T[] => {
      const raw = Array.isArray(value) ? value : [value];
      const items = (commas ? raw.flatMap((v) => v.split(',')) : raw).map((v) => v.trim()).filter(Boolean);
      if (items.length > maxListValues) {
        ctx.addIssue({ code: 'custom', message: `at most ${maxListValues} values` });
        return z.NEVER;
      }
      const out: T[] = [];
      for (const item of items) {
        const parsed = parseItem(item);
        if (parsed === undefined) {
          ctx.addIssue({ code: 'custom', message: `${JSON.stringify(item.slice(0, 60))} is not ${what}` });
          return z.NEVER;
        }
        out.push(parsed);
      }
      return out;
    })
    .optional();
}

const sourceId = (raw: string) =>
  /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : undefined;
const category = (raw: string) =>
  (sourceCategories as readonly string[]).includes(raw) ? (raw as SourceCategory) : undefined;
const text = (raw: string) => (raw.length <= 200 ? raw : undefined);

/** The lead filters every metrics endpoint takes. */
const filterShape = {
  source: listParam(sourceId, 'a source id', true),
  category: listParam(category, `a source category (${sourceCategories.join(', ')})`, true),
  segment: listParam(text, 'a segment of at most 200 characters', false),
  country: listParam(text, 'a country of at most 200 characters', false),
  owner: listParam(text, 'an owner of at most 200 characters', false),
};

type PeriodFields = { quarter?: string; from?: string; to?: string };

function checkPeriod(q: PeriodFields, ctx: z.RefinementCtx): void {
  if (q.quarter && (q.from || q.to)) {
    ctx.addIssue({
      code: 'custom',
      path: ['quarter'],
      message: 'give either quarter or from/to, not both',
    });
  }
  if (Boolean(q.from) !== Boolean(q.to)) {
    ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'from'], message: 'from and to go together' });
  }
  if (q.from && q.to && isValidDate(q.from) && isValidDate(q.to)) {
    const days = daysBetween(q.from, q.to);
    if (days <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    if (days > maxRangeDays)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the range may span at most 10 years' });
  }
}

/**
 * The query of a metrics endpoint: the period, the lead filters and the endpoint's own parameters
 * (`extra`). A parameter the endpoint does not know is refused, so a typo never silently widens
 * the figures.
 */
export function metricsQuery<E extends z.ZodRawShape>(extra: E) {
  const shape = { ...periodShape, ...filterShape, ...extra };
  const known = new Set(Object.keys(shape));
  return z
    .looseObject(shape)
    .superRefine((q, ctx) => {
      for (const key of Object.keys(q)) {
        if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'unknown parameter' });
      }
      checkPeriod(q as PeriodFields, ctx);
    })
    .transform(
      (q) =>
        Object.fromEntries(Object.entries(q).filter(([key]) => known.has(key))) as z.output<
          z.ZodObject<typeof shape>
        >,
    );
}

export const periodQuery = metricsQuery({});

export type PeriodQuery = PeriodFields;

export interface ResolvedPeriods {
  current: Period;
  previous: Period;
  yearAgo: Period;
  /** Days of the current period elapsed when it is in progress (comparisons are cut to as many), else null. */
  daysElapsed: number | null;
  timezone: string;
  fiscalYearStartMonth: number;
}

/** Turns the query into the period and its comparison periods, under the company's fiscal settings. */
export async function resolvePeriods(
  db: Database,
  query: PeriodQuery,
  now = new Date(),
): Promise<ResolvedPeriods> {
  const settings = await readSettings(db);
  const start = settings.fiscalYearStartMonth;
  let current: Period;
  if (query.quarter) {
    const q = parseQuarter(query.quarter);
    if (!q) throw new AppError('bad_request', `quarter: ${quarterMessage}`);
    current = fiscalQuarter(q.year, q.quarter, start);
  } else if (query.from && query.to) {
    current = { label: `${query.from}..${query.to}`, from: query.from, to: query.to };
  } else {
    current = quarterOfDate(todayIn(settings.timezone, now), start);
  }
  return {
    current,
    ...comparisonPeriods(current, start, todayIn(settings.timezone, now)),
    timezone: settings.timezone,
    fiscalYearStartMonth: start,
  };
}

export function filterFor(period: Period, timezone: string, leads: LeadFilter = {}): MetricFilter {
  return { ...leads, from: period.from, to: period.to, timezone };
}

type FilterFields = {
  source?: number[];
  category?: SourceCategory[];
  segment?: string[];
  country?: string[];
  owner?: string[];
};

/** The lead filters of a parsed query, with every source id checked against the sources table. */
export async function resolveLeadFilter(db: Database, query: FilterFields): Promise<LeadFilter> {
  const filter: LeadFilter = {};
  if (query.source?.length) {
    const ids = [...new Set(query.source)];
    const found = await selectRows<{ id: number }>(
      db,
      sql`select id from sources where id = any(${`{${ids.join(',')}}`}::int[])`,
    );
    const known = new Set(found.map((r) => r.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) {
      const message = `unknown source id ${unknown.join(', ')}`;
      throw new AppError('bad_request', `invalid query: source: ${message}`, [{ path: 'source', message }]);
    }
    filter.sourceIds = ids;
  }
  if (query.category?.length) filter.categories = [...new Set(query.category)];
  if (query.segment?.length) filter.segments = query.segment;
  if (query.country?.length) filter.countries = query.country;
  if (query.owner?.length) filter.owners = query.owner;
  return filter;
}

/** Whether any lead filter is set. */
export function hasLeadFilter(filter: LeadFilter): boolean {
  return Object.values(filter).some((v) => Array.isArray(v) && v.length > 0);
}

export interface ResolvedMetricsQuery {
  periods: ResolvedPeriods;
  /** The lead filters, source ids checked. */
  leads: LeadFilter;
  /** The current period with the lead filters: what a figure query takes. */
  filter: MetricFilter;
}

/** The period (under the fiscal settings) and the lead filters of a metrics request. */
export async function resolveMetricsQuery(
  db: Database,
  query: PeriodFields & FilterFields,
  now = new Date(),
): Promise<ResolvedMetricsQuery> {
  const [periods, leads] = await Promise.all([resolvePeriods(db, query, now), resolveLeadFilter(db, query)]);
  return { periods, leads, filter: filterFor(periods.current, periods.timezone, leads) };
}
