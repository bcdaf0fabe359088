import { type SQL, sql } from 'drizzle-orm';
import { defined } from '../defined';
import { addDays, quarterOfDate } from '../periods';
import { textArray } from './filter';

export const trendGrains = ['week', 'month', 'quarter'] as const;
export type Grain = (typeof trendGrains)[number];

/** One slice of a range: local calendar days `from` (inclusive) to `to` (exclusive). */
export interface Bucket {
  /** The week's first day, the month (YYYY-MM) or the fiscal quarter (2026-Q1). */
  label: string;
  from: string;
  to: string;
}

function nextMonth(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Splits [from, to) into weeks counted from `from`, calendar months, or fiscal quarters (under
 * the fiscal year's first month). The first and last slices are cut to the range, so the slices
 * add up to the range exactly.
 */
export function splitRange(
  range: { from: string; to: string },
  grain: Grain,
  fiscalStartMonth = 1,
): Bucket[] {
  const out: Bucket[] = [];
  let start = range.from;
  while (start < range.to) {
    let end: string;
    let label: string;
    if (grain === 'week') {
      end = addDays(start, 7);
      label = start;
    } else if (grain === 'month') {
      end = nextMonth(start);
      label = start.slice(0, 7);
    } else {
      const quarter = quarterOfDate(start, fiscalStartMonth);
      end = quarter.to;
      label = quarter.label;
    }
    if (end > range.to) end = range.to;
    out.push({ label, from: start, to: end });
    start = end;
  }
  return out;
}

/**
 * The last `weeks` whole weeks before the end of today, kept within the period (its last weeks once it has
 * ended, those leading into it before it begins), so in a quarter's first days a KPI's sparkline still draws
 * a quarter's history rather than a dot.
 */
export function recentWeeks(period: { from: string; to: string }, today: string, weeks: number): Bucket[] {
  // The end of today, kept within the period: the middle of the three dates (ISO dates sort as text).
  const to = defined([period.from, addDays(today, 1), period.to].sort()[1]);
  return splitRange({ from: addDays(to, -7 * weeks), to }, 'week');
}

/**
 * A `buckets(i, lo, hi)` table expression: slice i (1-based) runs from lo to hi, instants at local
 * midnight in `timezone`. Join leads on `col >= lo and col < hi` to count per slice.
 */
export function bucketsTable(buckets: readonly Bucket[], timezone: string): SQL {
  const froms = textArray(buckets.map((b) => b.from));
  const tos = textArray(buckets.map((b) => b.to));
  return sql`(select u.i::int as i,
                     (u.f::timestamp at time zone ${timezone}) as lo,
                     (u.t::timestamp at time zone ${timezone}) as hi
              from unnest(${froms}::date[], ${tos}::date[]) with ordinality as u(f, t, i))`;
}

/** A `buckets(i, lo, hi)` table expression of local days (lo inclusive, hi exclusive), for the rollups. */
export function bucketDaysTable(buckets: readonly Bucket[]): SQL {
  const froms = textArray(buckets.map((b) => b.from));
  const tos = textArray(buckets.map((b) => b.to));
  return sql`(select u.i::int as i, u.f as lo, u.t as hi
              from unnest(${froms}::date[], ${tos}::date[]) with ordinality as u(f, t, i))`;
}
