import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { addDays, daysBetween, type Period, quarterOfDate, shiftQuarter, todayIn } from '../periods';
import { firstLeadDate, maxHistoryQuarters, pacingWindow } from '../queries/pacing/pacing-window';
import { type CoverageWeek, quarterPacing } from '../queries/pacing/quarter-pacing';
import { type PacingMetric, pacingMetrics } from '../queries/pacing/quarter-shapes';
import { readSettings } from '../settings';
import type { RecordRow } from './calibration';

export type Finals = Record<PacingMetric, number>;

interface Calendar {
  timezone: string;
  fiscalYearStartMonth: number;
  firstDataDate: string | null;
}

async function calendar(db: Database): Promise<Calendar> {
  const settings = await readSettings(db);
  return {
    timezone: settings.timezone,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    firstDataDate: await firstLeadDate(db, settings.timezone),
  };
}

/**
 * The closed fiscal quarters the record covers, oldest first: the last eight before today's whose
 * first week the data covers (a quarter the data starts in the middle of would look short).
 */
export async function trackedQuarters(db: Database, now: Date): Promise<string[]> {
  const c = await calendar(db);
  if (c.firstDataDate === null) return [];
  const current = quarterOfDate(todayIn(c.timezone, now), c.fiscalYearStartMonth).label;
  const quarters: string[] = [];
  for (let by = -1; by >= -maxHistoryQuarters; by--) {
    const past = shiftQuarter(current, by, c.fiscalYearStartMonth);
    if (addDays(past.from, 7) < c.firstDataDate) break;
    quarters.unshift(past.label);
  }
  return quarters;
}

/** The pacing of a quarter as of a day, for the whole company (no lead filter), as the pacing page shows it. */
async function pacingAsOf(db: Database, c: Calendar, quarter: string, asOf: string) {
  const w = pacingWindow({ quarter, asOf, ...c });
  return quarterPacing(db, w, { from: w.quarter.from, to: w.quarter.to, timezone: c.timezone });
}

/** What a closed quarter came to, per metric. */
export async function quarterFinals(db: Database, quarter: string): Promise<Finals> {
  const c = await calendar(db);
  const period: Period = shiftQuarter(quarter, 0, c.fiscalYearStartMonth);
  const p = await pacingAsOf(db, c, quarter, addDays(period.to, -1));
  return Object.fromEntries(pacingMetrics.map((m) => [m, p.metrics[m].overall.actualToDate])) as Finals;
}

/**
 * Projects `quarter` as of the end of its week `week` (the data as it stands, read up to that day, as
 * the back-test does) and keeps each metric's projection with the quarter's final.
 */
export async function recordQuarterWeek(
  db: Database,
  quarter: string,
  week: number,
  finals: Finals,
): Promise<void> {
  const c = await calendar(db);
  const period = shiftQuarter(quarter, 0, c.fiscalYearStartMonth);
  const p = await pacingAsOf(db, c, quarter, addDays(period.from, 7 * week - 1));
  const rows = pacingMetrics.map((m) => {
    const o = p.metrics[m].overall;
    return sql`(${quarter}, ${week}, ${m}, ${o.actualToDate}, ${o.projection}, ${o.projectionLow},
      ${o.projectionHigh}, ${finals[m]}, now())`;
  });
  await db.execute(sql`insert into forecast_track_record
      (quarter, week, metric, actual_to_date, projection, low, high, final, computed_at)
    values ${sql.join(rows, sql`, `)}
    on conflict (quarter, week, metric) do update set
      actual_to_date = excluded.actual_to_date, projection = excluded.projection, low = excluded.low,
      high = excluded.high, final = excluded.final, computed_at = excluded.computed_at`);
}

/** This fiscal quarter, and how many of its weeks are over (their last day before today). */
export async function currentQuarterWeeks(
  db: Database,
  now: Date,
): Promise<{ quarter: string; weeks: number }> {
  const c = await calendar(db);
  const today = todayIn(c.timezone, now);
  const quarter = quarterOfDate(today, c.fiscalYearStartMonth);
  return { quarter: quarter.label, weeks: Math.min(13, Math.floor(daysBetween(quarter.from, today) / 7)) };
}

/**
 * Keeps what the pacing projected, at the end of week `week` of `quarter`, of the next quarter's
 * starting pipeline and the coverage it needs: one point of the coverage trend.
 */
export async function recordCoverageWeek(db: Database, quarter: string, week: number): Promise<void> {
  const c = await calendar(db);
  const period = shiftQuarter(quarter, 0, c.fiscalYearStartMonth);
  const asOf = addDays(period.from, 7 * week - 1);
  const n = (await pacingAsOf(db, c, quarter, asOf)).nextQuarter;
  await db.execute(sql`insert into forecast_weeks as f
      (quarter, week, as_of, starting_pipeline, revenue_target, coverage, coverage_needed, required_pipeline)
    values (${quarter}, ${week}, ${asOf}::date, ${n.startingPipeline}, ${n.revenueTarget}, ${n.coverage},
      ${n.coverageNeeded}, ${n.requiredPipeline})
    on conflict (quarter, week) do update set
      as_of = excluded.as_of, starting_pipeline = excluded.starting_pipeline,
      revenue_target = excluded.revenue_target, coverage = excluded.coverage,
      coverage_needed = excluded.coverage_needed, required_pipeline = excluded.required_pipeline,
      computed_at = now()`);
  // Only this quarter's trend is shown; the one before stays until the next quarter has its first week.
  await db.execute(sql`delete from forecast_weeks where quarter not in
    (${quarter}, ${shiftQuarter(quarter, -1, c.fiscalYearStartMonth).label})`);
}

/** The coverage trend kept for a quarter, week by week, up to `asOf`. */
export function readCoverageWeeks(db: Database, quarter: string, asOf: string): Promise<CoverageWeek[]> {
  return selectRows<CoverageWeek>(
    db,
    sql`select week::int as week, as_of::text as "asOf", starting_pipeline as "startingPipeline",
        revenue_target as "revenueTarget", coverage, coverage_needed as "coverageNeeded",
        required_pipeline as "requiredPipeline"
      from forecast_weeks where quarter = ${quarter} and as_of <= ${asOf}::date order by week`,
  );
}

/** Removes the rows of quarters the record no longer covers (older than eight, or before the data). */
export async function pruneTrackRecord(db: Database, keep: string[]): Promise<void> {
  await db.execute(
    keep.length === 0
      ? sql`delete from forecast_track_record`
      : sql`delete from forecast_track_record where quarter not in (${sql.join(
          keep.map((q) => sql`${q}`),
          sql`, `,
        )})`,
  );
}

/** Every row of the record. */
export function readTrackRecord(db: Database): Promise<RecordRow[]> {
  return selectRows<RecordRow>(
    db,
    sql`select quarter, week::int as week, metric, actual_to_date as "actualToDate", projection, low, high, final
      from forecast_track_record order by quarter, week, metric`,
  );
}
