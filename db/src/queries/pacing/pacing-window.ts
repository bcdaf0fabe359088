import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { addDays, daysBetween, type Period, parseQuarter, shiftQuarter } from '../../periods';

/** Most past quarters the shapes and conversion curves read. */
export const maxHistoryQuarters = 8;
/** Fewer complete quarters of history than this and the expected share of the quarter is linear. */
export const minShapeQuarters = 2;

/**
 * Where a pacing figure stands in its fiscal quarter. It counts everything up to the end of the local day
 * `asOf` and reads nothing at or after `cutoffDate` (the next local midnight), so a back-test as of a past
 * day sees only what was known then.
 */
export interface PacingWindow {
  quarter: Period;
  /** The previous quarters read for shapes and conversion, most recent first. */
  history: Period[];
  next: Period;
  asOf: string;
  cutoffDate: string;
  daysElapsed: number;
  daysInQuarter: number;
  daysRemaining: number;
  weeksRemaining: number;
  timezone: string;
  fiscalYearStartMonth: number;
}

/**
 * The window for a quarter as of a day. `firstDataDate` (the local day of the first lead) limits
 * the history to quarters the data covers from their first week: a quarter the data starts in
 * the middle of would bend the shapes.
 */
export function pacingWindow(options: {
  quarter: string;
  asOf: string;
  timezone: string;
  fiscalYearStartMonth: number;
  firstDataDate: string | null;
  historyQuarters?: number;
}): PacingWindow {
  const start = options.fiscalYearStartMonth;
  if (!parseQuarter(options.quarter)) throw new Error(`not a fiscal quarter: ${options.quarter}`);
  const quarter = shiftQuarter(options.quarter, 0, start);
  const daysInQuarter = daysBetween(quarter.from, quarter.to);
  const daysElapsed = Math.min(daysInQuarter, Math.max(0, daysBetween(quarter.from, options.asOf) + 1));
  const wanted = Math.min(maxHistoryQuarters, Math.max(0, options.historyQuarters ?? maxHistoryQuarters));
  const history: Period[] = [];
  for (let k = 1; k <= wanted; k++) {
    const past = shiftQuarter(options.quarter, -k, start);
    if (options.firstDataDate === null || daysBetween(options.firstDataDate, past.from) < -7) break;
    history.push(past);
  }
  const daysRemaining = daysInQuarter - daysElapsed;
  return {
    quarter,
    history,
    next: shiftQuarter(options.quarter, 1, start),
    asOf: options.asOf,
    cutoffDate: addDays(quarter.from, daysElapsed),
    daysElapsed,
    daysInQuarter,
    daysRemaining,
    weeksRemaining: Math.round((daysRemaining / 7) * 10) / 10,
    timezone: options.timezone,
    fiscalYearStartMonth: start,
  };
}

/** The local calendar day of the first lead ever created, or null on an empty database. */
export async function firstLeadDate(db: Database, timezone: string): Promise<string | null> {
  const [row] = await selectRows<{ day: string | null }>(
    db,
    sql`select to_char((min(created_at) at time zone ${timezone})::date, 'YYYY-MM-DD') as day from leads`,
  );
  return row?.day ?? null;
}
