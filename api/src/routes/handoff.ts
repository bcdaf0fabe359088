import type { Database } from '@salesready/db/client';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { speedToLead } from '@salesready/db/queries/handoff/speed-to-lead';
import { neglectedLeads, type Page, stalledLeads } from '@salesready/db/queries/handoff/waiting-leads';
import { readSettings } from '@salesready/db/settings';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { answers } from '../figures/answers';
import { metricsQuery, resolveMetricsQuery } from '../figures/period-query';
import { waitingScope } from '../figures/waiting-scope';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import {
  metricsHandoffAnswer,
  metricsHandoffNeglectedAnswer,
  metricsHandoffStalledAnswer,
} from '../schemas/handoff-answers';

const handoffQuery = metricsQuery({});
const listQuery = metricsQuery({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * A list of the SRLs waiting on sales, a page at a time, in the same scope as the hand-off figures'
 * count of it. The neglected and the stalled differ only in the setting that says who waits too long.
 */
function waitingList<Setting extends 'slaHours' | 'stalledDays', Row>(
  answer: z.ZodType,
  setting: Setting,
  read: (
    db: Database,
    filter: MetricFilter,
    options: Record<Setting, number> & { now: Date; limit: number; offset: number },
  ) => Promise<Page<Row>>,
) {
  return new Hono<AppEnv>().get(
    '/',
    responds(answer),
    validate('query', listQuery),
    answers({ keep: false }),
    async (c) => {
      const { db } = c.var.deps;
      const query = c.req.valid('query');
      const now = new Date();
      const [settings, { filter, periods }] = await Promise.all([
        readSettings(db),
        resolveMetricsQuery(db, query, now),
      ]);
      const { filter: scoped, scope } = waitingScope(query, filter, periods.timezone, now);
      const threshold = { [setting]: settings[setting] } as Record<Setting, number>;
      const page = await read(db, scoped, {
        ...threshold,
        now,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return c.json({
        scope,
        asOf: now.toISOString(),
        ...threshold,
        total: page.total,
        page: query.page,
        pageSize: query.pageSize,
        rows: page.rows,
      });
    },
  );
}

export const handoffRoutes = new Hono<AppEnv>()
  .get(
    '/',
    responds(metricsHandoffAnswer),
    validate('query', handoffQuery),
    answers({ keep: false }),
    async (c) => {
      const { db } = c.var.deps;
      const now = new Date();
      const query = c.req.valid('query');
      const [settings, { periods, filter }] = await Promise.all([
        readSettings(db),
        resolveMetricsQuery(db, query, now),
      ]);
      // Speed to lead is of the period's SRLs; the waiting counts are of the same scope as their lists.
      const waiting = waitingScope(query, filter, periods.timezone, now);
      const page = { now, limit: 0, offset: 0 };
      // Independent reads: on a pool they run side by side.
      const [figures, neglected, stalled] = await Promise.all([
        speedToLead(db, filter, { slaHours: settings.slaHours, now }),
        neglectedLeads(db, waiting.filter, { ...page, slaHours: settings.slaHours }),
        stalledLeads(db, waiting.filter, { ...page, stalledDays: settings.stalledDays }),
      ]);
      return c.json({
        period: periods.current,
        timezone: periods.timezone,
        asOf: now.toISOString(),
        /** The scope of `neglected` and `stalled`: the same as /neglected and /stalled for the same query. */
        scope: waiting.scope,
        slaHours: settings.slaHours,
        stalledDays: settings.stalledDays,
        ...figures,
        neglected: neglected.total,
        stalled: stalled.total,
      });
    },
  )
  .route('/neglected', waitingList(metricsHandoffNeglectedAnswer, 'slaHours', neglectedLeads))
  .route('/stalled', waitingList(metricsHandoffStalledAnswer, 'stalledDays', stalledLeads));
