import { todayIn } from '@salesready/db/periods';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { readSettings } from '@salesready/db/settings';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { answers } from '../figures/answers';
import { filterFor, metricsQuery, resolveMetricsQuery } from '../figures/period-query';
import { validate } from '../middleware/validate';

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Without a period, the waiting lists cover leads that became sales-ready in the last 365 days. */
export function defaultWaitingScope(timezone: string, now: Date): MetricFilter {
  const today = todayIn(timezone, now);
  return { from: addDays(today, -365), to: addDays(today, 1), timezone };
}

const handoffQuery = metricsQuery({});
const listQuery = metricsQuery({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const handoffRoutes = new Hono<AppEnv>()
  .get('/', validate('query', handoffQuery), answers({ keep: false }), async (c) => {
    const { db } = c.var.deps;
    const now = new Date();
    const [settings, { periods, filter }] = await Promise.all([
      readSettings(db),
      resolveMetricsQuery(db, c.req.valid('query'), now),
    ]);
    const page = { now, limit: 0, offset: 0 };
    // Independent reads: on a pool they run side by side.
    const [figures, neglected, stalled] = await Promise.all([
      speedToLead(db, filter, { slaHours: settings.slaHours, now }),
      neglectedLeads(db, filter, { ...page, slaHours: settings.slaHours }),
      stalledLeads(db, filter, { ...page, stalledDays: settings.stalledDays }),
    ]);
    return c.json({
      period: periods.current,
      timezone: periods.timezone,
      asOf: now.toISOString(),
      slaHours: settings.slaHours,
      stalledDays: settings.stalledDays,
      ...figures,
      neglected: neglected.total,
      stalled: stalled.total,
    });
  })
  .get('/neglected', validate('query', listQuery), answers({ keep: false }), async (c) => {
    const { db } = c.var.deps;
    const query = c.req.valid('query');
    const now = new Date();
    const [settings, { filter, periods }] = await Promise.all([
      readSettings(db),
      resolveMetricsQuery(db, query, now),
    ]);
    const scope = waitingScope(query, filter, periods.timezone, now);
    const page = await neglectedLeads(db, scope, {
      slaHours: settings.slaHours,
      now,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return c.json({
      scope: { from: scope.from, to: scope.to },
      asOf: now.toISOString(),
      slaHours: settings.slaHours,
      total: page.total,
      page: query.page,
      pageSize: query.pageSize,
      rows: page.rows,
    });
  })
  .get('/stalled', validate('query', listQuery), answers({ keep: false }), async (c) => {
    const { db } = c.var.deps;
    const query = c.req.valid('query');
    const now = new Date();
    const [settings, { filter, periods }] = await Promise.all([
      readSettings(db),
      resolveMetricsQuery(db, query, now),
    ]);
    const scope = waitingScope(query, filter, periods.timezone, now);
    const page = await stalledLeads(db, scope, {
      stalledDays: settings.stalledDays,
      now,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return c.json({
      scope: { from: scope.from, to: scope.to },
      asOf: now.toISOString(),
      stalledDays: settings.stalledDays,
      total: page.total,
      page: query.page,
      pageSize: query.pageSize,
      rows: page.rows,
    });
  });

/** The period asked for, or the last 365 days; the lead filters either way. */
function waitingScope(
  query: { quarter?: string | undefined; from?: string | undefined },
  filter: MetricFilter,
  timezone: string,
  now: Date,
): MetricFilter {
  if (query.quarter || query.from) return filter;
  const { from, to } = defaultWaitingScope(timezone, now);
  return filterFor({ label: `${from}..${to}`, from, to }, timezone, filter);
}
