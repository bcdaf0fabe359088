import type { Database } from '@salesready/db/client';
import { cachedFigure } from '@salesready/db/figure-cache';
import { quarterOfDate, todayIn } from '@salesready/db/periods';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { pacingAlerts } from '@salesready/db/queries/pacing/pacing-alerts';
import { firstLeadDate, type PacingWindow, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { type QuarterPacing, quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { auditLog } from '@salesready/db/schema/index';
import { readSettings } from '@salesready/db/settings';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { sharedInFlight } from '../in-flight';
import { requireRole } from '../middleware/require-role';
import { validate } from '../middleware/validate';
import { dateParam } from '../params';
import { metricsQuery, resolveLeadFilter } from '../period-query';
import { version as release } from '../version';
import { defaultWaitingScope } from './handoff';

const pacingQuery = metricsQuery({
  asOf: dateParam.optional(),
});
type PacingQuery = z.output<typeof pacingQuery>;

/**
 * Pacing computations in flight, per database. The pacing page and the alerts ask for the same
 * quarter's pacing at once (the dashboard opens both); the second waits for the first instead of
 * running the same statements again. Each answer is kept for its data version (docs/decisions/0011):
 * the window names the day, so tomorrow's pacing is computed afresh, and the release, so a new one
 * never reads an answer shaped by the previous.
 */
const pacingInFlight = new WeakMap<Database, ReturnType<typeof sharedInFlight<QuarterPacing>>>();

function sharedPacing(db: Database, window: PacingWindow, filter: MetricFilter): Promise<QuarterPacing> {
  let share = pacingInFlight.get(db);
  if (!share) {
    share = sharedInFlight<QuarterPacing>();
    pacingInFlight.set(db, share);
  }
  const key = JSON.stringify(['pacing', release, window, filter]);
  return share(key, async () => (await cachedFigure(db, key, () => quarterPacing(db, window, filter))).value);
}

/** The quarter's pacing as of a day (default: this fiscal quarter, as of today in the company's zone). */
export async function resolvePacing(
  db: Database,
  query: PacingQuery,
  now = new Date(),
): Promise<QuarterPacing> {
  if (query.from || query.to) {
    const message = 'pacing is by fiscal quarter: give quarter (and asOf), not from/to';
    throw new AppError('bad_request', `invalid query: ${message}`, [
      { path: query.from ? 'from' : 'to', message },
    ]);
  }
  const settings = await readSettings(db);
  const today = todayIn(settings.timezone, now);
  const [leads, firstDay] = await Promise.all([
    resolveLeadFilter(db, query),
    firstLeadDate(db, settings.timezone),
  ]);
  const window = pacingWindow({
    quarter: query.quarter ?? quarterOfDate(today, settings.fiscalYearStartMonth).label,
    asOf: query.asOf ?? today,
    timezone: settings.timezone,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    firstDataDate: firstDay,
  });
  return sharedPacing(db, window, {
    ...leads,
    from: window.quarter.from,
    to: window.quarter.to,
    timezone: settings.timezone,
  });
}

export const pacingRoutes = new Hono<AppEnv>().get('/', validate('query', pacingQuery), async (c) =>
  c.json(await resolvePacing(c.var.deps.db, c.req.valid('query'))),
);

/**
 * Alerts for this quarter, company-wide, on every call: the pacing as kept for the data (shared with the
 * pacing page), the hand-off figures and waiting lists as of now.
 */
async function openAlerts(db: Database, now = new Date()) {
  const settings = await readSettings(db);
  const quarter = quarterOfDate(todayIn(settings.timezone, now), settings.fiscalYearStartMonth);
  const quarterFilter = { from: quarter.from, to: quarter.to, timezone: settings.timezone };
  const scope = defaultWaitingScope(settings.timezone, now);
  const page = { now, limit: 0, offset: 0 };
  // Independent reads: on a pool they run side by side.
  const [pacing, handoff, neglected, stalled] = await Promise.all([
    resolvePacing(db, {}, now),
    speedToLead(db, quarterFilter, { slaHours: settings.slaHours, now }),
    neglectedLeads(db, scope, { ...page, slaHours: settings.slaHours }),
    stalledLeads(db, scope, { ...page, stalledDays: settings.stalledDays }),
  ]);
  const alerts = pacingAlerts({
    pacing,
    handoff: handoff.overall,
    neglected: neglected.total,
    stalled: stalled.total,
    slaHours: settings.slaHours,
    stalledDays: settings.stalledDays,
  });
  return { generatedAt: now.toISOString(), quarter: pacing.quarter.label, asOf: pacing.asOf, alerts };
}

const noQuery = z.object({}).strict();

/**
 * `GET /` lists the open alerts. `POST /run` is for a scheduled job (a serverless cron calling it
 * with an admin's session): it computes the same list and records the run in the audit log.
 */
export const alertsRoutes = new Hono<AppEnv>()
  .get('/', validate('query', noQuery), async (c) => c.json(await openAlerts(c.var.deps.db)))
  .post('/run', requireRole('admin'), validate('query', noQuery), async (c) => {
    const { db } = c.var.deps;
    const result = await openAlerts(db);
    await db.insert(auditLog).values({
      userId: c.var.user.id,
      action: 'alerts.run',
      target: result.quarter,
      details: JSON.stringify({ count: result.alerts.length, ids: result.alerts.map((a) => a.id) }),
    });
    return c.json({ ranAt: result.generatedAt, ...result });
  });
