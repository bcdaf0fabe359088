import { type SQL, sql } from 'drizzle-orm';
import type { PacingWindow } from './pacing-window';

/** A local calendar day's first instant, as a constant the planner can use against an index. */
export function localMidnight(date: string, timezone: string): SQL {
  return sql`(${date}::date::timestamp at time zone ${timezone})`;
}

/** Instants the pacing queries share: the quarter's start, the cutoff and the history's start. */
export function windowBounds(w: PacingWindow): { quarterStart: SQL; cutoff: SQL; historyStart: SQL } {
  const oldest = w.history[w.history.length - 1] ?? w.quarter;
  return {
    quarterStart: localMidnight(w.quarter.from, w.timezone),
    cutoff: localMidnight(w.cutoffDate, w.timezone),
    historyStart: localMidnight(oldest.from, w.timezone),
  };
}

/**
 * The quarter (k = 0) and its history quarters (k = 1…), as local calendar days. Fiscal quarters
 * are three calendar months, so k quarters back is 3k months back whatever the fiscal start.
 */
export function quartersCte(w: PacingWindow): SQL {
  return sql`quarters as (
    select k,
      (${w.quarter.from}::date - make_interval(months => 3 * k))::date as qfrom,
      (${w.quarter.from}::date - make_interval(months => 3 * k - 3))::date as qto
    from generate_series(0, ${w.history.length}::int) as k
  )`;
}

/** Whole days from one instant to another, floored; negative spans count as day 0. */
export function dayIndex(from: SQL, to: SQL): SQL {
  return sql`floor(greatest(extract(epoch from (${to} - ${from})), 0) / 86400)::int`;
}
