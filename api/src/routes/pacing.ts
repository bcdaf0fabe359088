import type { Database } from '@salesready/db/client';
import { quarterOfDate, todayIn } from '@salesready/db/periods';
import { speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { pacingAlerts } from '@salesready/db/queries/pacing/pacing-alerts';
import { auditLog } from '@salesready/db/schema/index';
import { readSettings } from '@salesready/db/settings';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { answers } from '../figures/answers';
import { pacingQuery, resolvePacing } from '../figures/pacing';
import { defaultWaitingScope } from '../figures/waiting-scope';
import { requireRole } from '../middleware/require-role';
import { validate } from '../middleware/validate';

export const pacingRoutes = new Hono<AppEnv>().get(
  '/',
  validate('query', pacingQuery),
  answers({ keep: false }),
  async (c) => c.json(await resolvePacing(c.var.deps.db, c.req.valid('query'))),
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
  .get('/', validate('query', noQuery), answers({ keep: false }), async (c) =>
    c.json(await openAlerts(c.var.deps.db)),
  )
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
