import { type SQL, sql } from 'drizzle-orm';
import { addDays, daysBetween } from '../periods';
import type { SourceCategory } from '../schema/sources';

/** The lead attributes a figure can be filtered by (every filter is optional). */
export interface LeadFilter {
  sourceIds?: number[];
  categories?: SourceCategory[];
  segments?: string[];
  countries?: string[];
  owners?: string[];
}

/** What every figure is filtered by: a date range in the company time zone, and lead attributes. */
export interface MetricFilter extends LeadFilter {
  /** First day, YYYY-MM-DD, in `timezone`. */
  from: string;
  /** Day after the last, YYYY-MM-DD, in `timezone`. */
  to: string;
  timezone: string;
  /**
   * Day (YYYY-MM-DD, exclusive, in `timezone`) by which a lead's later stages count, for the figures
   * that follow the period's leads: a comparison period cut to the same day as a quarter in progress
   * counts only what its leads had reached by that day, so young and matured leads compare fairly.
   */
  reachedBy?: string;
}

/** Start and end of the filter's range as timestamptz expressions (index-friendly constants). */
export function rangeBounds(filter: Pick<MetricFilter, 'from' | 'to' | 'timezone'>): { lo: SQL; hi: SQL } {
  return {
    lo: sql`(${filter.from}::date::timestamp at time zone ${filter.timezone})`,
    hi: sql`(${filter.to}::date::timestamp at time zone ${filter.timezone})`,
  };
}

/** `column` falls within the filter's range. */
export function inRange(column: SQL, filter: Pick<MetricFilter, 'from' | 'to' | 'timezone'>): SQL {
  const { lo, hi } = rangeBounds(filter);
  return sql`${column} >= ${lo} and ${column} < ${hi}`;
}

/** A Postgres array literal, bound as one parameter; quotes and backslashes escaped. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export function intArray(values: readonly number[]): string {
  return `{${values.map((v) => Math.trunc(v)).join(',')}}`;
}

/**
 * Conditions on the lead's attributes (alias `l`), joined with `and`; `true` when none apply.
 * A lead without a source belongs to the category `other` (the "Unknown" row of the reports).
 */
export function leadConditions(filter: LeadFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.sourceIds?.length) parts.push(sql`l.source_id = any(${intArray(filter.sourceIds)}::int[])`);
  if (filter.categories?.length) {
    const orUnknown = filter.categories.includes('other') ? sql` or l.source_id is null` : sql``;
    parts.push(
      sql`(l.source_id in (select id from sources where category = any(${textArray(filter.categories)}::text[]))${orUnknown})`,
    );
  }
  if (filter.segments?.length) parts.push(sql`l.segment = any(${textArray(filter.segments)}::text[])`);
  if (filter.countries?.length) parts.push(sql`l.country = any(${textArray(filter.countries)}::text[])`);
  if (filter.owners?.length) parts.push(sql`l.owner = any(${textArray(filter.owners)}::text[])`);
  return sql.join(parts, sql` and `);
}

/** True when the filter narrows leads by something other than their source (spend cannot follow it). */
export function filtersBeyondSource(filter: LeadFilter): boolean {
  return Boolean(filter.segments?.length || filter.countries?.length || filter.owners?.length);
}

/** Whole days between two timestamps, as a fraction (durations are reported in days). */
export function daysBetweenSql(start: SQL, end: SQL): SQL {
  return sql`(extract(epoch from (${end} - ${start})) / 86400.0)`;
}

/** `num ÷ den` as float8, or null when `den` is 0 (never NaN). */
export function ratioSql(num: SQL, den: SQL): SQL {
  return sql`(case when (${den}) = 0 then null else (${num})::float8 / (${den}) end)`;
}

function shiftMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * The period of the same length just before the filter's range: whole calendar months when the
 * range runs from a first of month to a first of month (a quarter compares with the quarter
 * before it, a month with the month before), else the same number of days.
 */
export function previousRange<T extends Pick<MetricFilter, 'from' | 'to'>>(filter: T): T {
  const [fy, fm, fd] = filter.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = filter.to.split('-').map(Number) as [number, number, number];
  if (fd === 1 && td === 1) {
    const months = (ty - fy) * 12 + (tm - fm);
    return { ...filter, from: shiftMonths(filter.from, -months), to: filter.from };
  }
  return { ...filter, from: addDays(filter.from, -daysBetween(filter.from, filter.to)), to: filter.from };
}

/** The rollups' `day` (alias `l`) falls within the filter's range of local days. */
export function inDays(filter: Pick<MetricFilter, 'from' | 'to'>): SQL {
  return sql`l.day >= ${filter.from}::date and l.day < ${filter.to}::date`;
}
