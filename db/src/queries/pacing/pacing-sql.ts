import { type SQL, sql } from 'drizzle-orm';
import type { PacingWindow } from './pacing-window';

/** A local calendar day's first instant, as a constant the planner can use against an index. */
export function localMidnight(date: string, timezone: string): SQL {
  return sql`(${date}::date::timestamp at time zone ${timezone})`;
}

/** The first local day the pacing queries read: the oldest history quarter's (or the quarter's) first. */
export function historyStartDate(w: PacingWindow): string {
  return (w.history[w.history.length - 1] ?? w.quarter).from;
}

/** Instants the pacing queries share: the quarter's start, the cutoff and the history's start. */
export function windowBounds(w: PacingWindow): { quarterStart: SQL; cutoff: SQL; historyStart: SQL } {
  return {
    quarterStart: localMidnight(w.quarter.from, w.timezone),
    cutoff: localMidnight(w.cutoffDate, w.timezone),
    historyStart: localMidnight(historyStartDate(w), w.timezone),
  };
}

/**
 * The quarter (k = 0) and its history quarters (k = 1…), as local calendar days. Fiscal quarters
 * are three calendar months, so k quarters back is 3k months back whatever the fiscal start.
 */
export function quartersCte(w: PacingWindow): SQL {
  return sql`quarters as materialized (
    select k,
      (${w.quarter.from}::date - make_interval(months => 3 * k))::date as qfrom,
      (${w.quarter.from}::date - make_interval(months => 3 * k - 3))::date as qto
    from generate_series(0, ${w.history.length}::int) as k
  )`;
}

/** The k of `quartersCte` a local day (on or before the quarter's end) falls in: whole months back, by three. */
export function quarterIndex(day: SQL, w: PacingWindow): SQL {
  const [year, month] = w.quarter.from.split('-').map(Number) as [number, number];
  return sql`((${year * 12 + month}::int - (date_part('year', ${day})::int * 12 + date_part('month', ${day})::int) + 2) / 3)`;
}

/** Whole days from one instant to another, floored; negative spans count as day 0. */
export function dayIndex(from: SQL, to: SQL): SQL {
  return sql`floor(greatest(extract(epoch from (${to} - ${from})), 0) / 86400)::int`;
}
