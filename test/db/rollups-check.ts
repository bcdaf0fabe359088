import { type Database, selectRows } from '@salesready/db/client';
import { quarterOfDate } from '@salesready/db/periods';
import { marketingContribution } from '@salesready/db/queries/attribution/marketing-contribution';
import { revenueAttribution } from '@salesready/db/queries/attribution/revenue-attribution';
import { type Grain, splitRange } from '@salesready/db/queries/buckets';
import { cohortConversion } from '@salesready/db/queries/cohorts/cohort-conversion';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { funnelReport } from '@salesready/db/queries/funnel/funnel-report';
import { speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { sourceReport } from '@salesready/db/queries/sources/source-report';
import { trendPoints } from '@salesready/db/queries/trend/trend-series';
import { type FigureOptions, rebuildRollups } from '@salesready/db/rollups/rollups';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';

// Shared by the rollups-*.test.ts suites (not a test file itself).

type Figure = (db: Database, filter: MetricFilter, options: FigureOptions) => Promise<unknown>;

const asOf = new Date('2025-08-15T00:00:00Z');
const grains: Grain[] = ['week', 'month', 'quarter'];

/** Every figure the dashboard shows, each computed by the rollups (when they can) or from the raw rows. */
export const figures: Record<string, Figure> = {
  overviewKpis,
  overviewDetails,
  sourcesCohort: (db, f, o) => sourceReport(db, f, 'cohort', o),
  sourcesPeriod: (db, f, o) => sourceReport(db, f, 'period', o),
  funnelCohort: (db, f, o) => funnelReport(db, f, 'cohort', o),
  funnelPeriod: (db, f, o) => funnelReport(db, f, 'period', o),
  ...Object.fromEntries(
    grains.map((grain): [string, Figure] => [
      `trend-${grain}`,
      (db, f, o) => trendPoints(db, f, splitRange(f, grain, 2), o),
    ]),
  ),
  cohortsMonth: (db, f, o) => cohortConversion(db, f, splitRange(f, 'month'), asOf, o),
  cohortsQuarter: (db, f, o) => cohortConversion(db, f, splitRange(f, 'quarter', 2), asOf, o),
  marketingContribution,
  revenueAttribution,
  // Pacing as of the last day with data (the curves from the transition rollups) and as of the range's
  // first day, before some of the data (a back-test: the curves from the leads, the shapes from the day
  // rollups).
  pacingToday: async (db, f, o) => pacingAsOf(db, f, await lastDataDay(db, f.timezone), o),
  pacingBackTest: (db, f, o) => pacingAsOf(db, f, f.from, o),
  ...handoffFigures(),
};

/**
 * The hand-off figures (the stored first sales touch and last activity), as of a day inside the data,
 * so touches and stages after it are left out as the figures' `now` leaves them out, and as of the end.
 */
function handoffFigures(): Record<string, Figure> {
  const list = { limit: 500, offset: 0 };
  const out: Record<string, Figure> = {};
  for (const [label, now] of [
    ['', asOf],
    ['AtEnd', new Date('2027-01-01T00:00:00Z')],
  ] as const) {
    out[`speedToLead${label}`] = (db, f, o) => speedToLead(db, f, { slaHours: 48, now, ...o });
    out[`neglected${label}`] = (db, f, o) => neglectedLeads(db, f, { slaHours: 48, now, ...list, ...o });
    out[`stalled${label}`] = (db, f, o) => stalledLeads(db, f, { stalledDays: 14, now, ...list, ...o });
  }
  // A page past the first, and an SLA and quiet time long enough to need the follow-ups after them.
  out.neglectedPage = (db, f, o) =>
    neglectedLeads(db, f, { slaHours: 24 * 30, now: asOf, limit: 2, offset: 1, ...o });
  out.stalledPage = (db, f, o) =>
    stalledLeads(db, f, { stalledDays: 60, now: asOf, limit: 2, offset: 1, ...o });
  return out;
}

/** The figures that read the per-lead facts only: they serve any time zone and any lead filter. */
export const factFigures = Object.keys(handoffFigures());

/** The local day of the latest stage time of any lead (today when there are none). */
async function lastDataDay(db: Database, timezone: string): Promise<string> {
  const [row] = await selectRows<{ day: string | null }>(
    db,
    sql`select to_char((greatest(max(created_at), max(sales_ready_at), max(opportunity_at), max(won_at),
      max(lost_at), max(disqualified_at)) at time zone ${timezone})::date, 'YYYY-MM-DD') as day from leads`,
  );
  return row?.day ?? '2025-08-15';
}

async function pacingAsOf(db: Database, filter: MetricFilter, asOf: string, options: FigureOptions) {
  const w = pacingWindow({
    quarter: quarterOfDate(asOf, 2).label,
    asOf,
    timezone: filter.timezone,
    fiscalYearStartMonth: 2,
    firstDataDate: await firstLeadDate(db, filter.timezone),
  });
  return quarterPacing(db, w, { ...filter, from: w.quarter.from, to: w.quarter.to }, options);
}

/** The figures whose raw path costs the most (pacing reads every lead of two years, several times). */
export const slowFigures = ['pacingToday', 'pacingBackTest'];

/**
 * Raw figures by figure and filter, kept by a suite while the raw rows stay as they are (only the
 * rollups or their state change): each is computed once from the rows and compared again.
 */
export type RawFigures = Map<string, unknown>;

/**
 * Each figure under each filter is the same from the rollups as from the raw rows, to the last bit;
 * `except` leaves some out (a suite checking many states may check the slow ones at its last state).
 */
export async function expectSameFigures(
  db: Database,
  filters: MetricFilter[],
  except: string[] = [],
  known: RawFigures = new Map(),
): Promise<void> {
  for (const filter of filters) {
    for (const [name, figure] of Object.entries(figures)) {
      if (except.includes(name)) continue;
      const key = `${name} ${JSON.stringify(filter)}`;
      if (!known.has(key)) known.set(key, await figure(db, filter, { rollups: false }));
      const raw = known.get(key);
      const rolled = await figure(db, filter, {});
      expect(rolled, `${name} ${JSON.stringify(filter)}`).toStrictEqual(raw);
    }
  }
}

/** A value as compared: numeric text by value (its scale may differ), everything else as is. */
const value = (v: unknown) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

async function snapshot(db: Database) {
  const table = async (name: string, key: string[], order: string) => {
    const rows = await selectRows<Record<string, unknown>>(
      db,
      sql.raw(`select * from ${name} order by ${order}`),
    );
    return rows
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, value(v)])))
      .filter((row) => Object.entries(row).some(([k, v]) => !key.includes(k) && v !== 0));
  };
  return {
    leadDays: await table('rollup_lead_days', ['day', 'source_id'], 'day, source_id nulls first'),
    stageDays: await table(
      'rollup_stage_days',
      ['stage', 'day', 'source_id'],
      'stage, day, source_id nulls first',
    ),
    facts: await table('rollup_lead_facts', [], 'lead_id'),
    attribution: await table('rollup_attribution', [], 'lead_id, credited_source_id nulls first'),
    transitionLags: await table(
      'rollup_transition_lags',
      ['transition', 'month', 'source_id', 'kind', 'lag'],
      'transition, month, source_id nulls first, kind, lag',
    ),
    transitionEntries: await table(
      'rollup_transition_entries',
      ['transition', 'day', 'source_id', 'entered'],
      'transition, day, source_id nulls first, entered',
    ),
  };
}

/** The rollups kept on write hold what a rebuild from the raw rows gives (rows of zeros aside). */
export async function expectRollupsAsRebuilt(db: Database): Promise<void> {
  const kept = await snapshot(db);
  await rebuildRollups(db);
  expect(kept).toStrictEqual(await snapshot(db));
}

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back, so every dataset starts from empty. */
export async function inRolledBackTransaction(
  db: Database,
  fn: (tx: Database) => Promise<void>,
): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await fn(tx as unknown as Database);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}
