import type { Database } from '@salesready/db/client';
import { quarterOfDate, todayIn } from '@salesready/db/periods';
import { speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { pacingAlerts } from '@salesready/db/queries/pacing/pacing-alerts';
import { readSettings } from '@salesready/db/settings';
import { resolvePacing } from './pacing';
import { defaultWaitingScope } from './waiting-scope';

/**
 * Alerts for this quarter, company-wide, on every call: the pacing as kept for the data (shared with the
 * pacing page), the hand-off figures and waiting lists as of now.
 */
export async function openAlerts(db: Database, now = new Date()) {
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
