import { auditLog } from '@salesready/db/schema/index';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { openAlerts } from '../figures/alerts';
import { answers } from '../figures/answers';
import { pacingQuery, resolvePacing } from '../figures/pacing';
import { requireRole } from '../middleware/require-role';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import {
  metricsAlertsAnswer,
  metricsPacingAnswer,
  postMetricsAlertsRunAnswer,
} from '../schemas/pacing-answers';

export const pacingRoutes = new Hono<AppEnv>().get(
  '/',
  validate('query', pacingQuery),
  responds(metricsPacingAnswer),
  answers({ keep: false }),
  async (c) => c.json(await resolvePacing(c.var.deps.db, c.req.valid('query'))),
);

const noQuery = z.object({}).strict();

/**
 * `GET /` lists the open alerts. `POST /run` is an admin's manual run: it computes the same list and
 * records the run in the audit log, as the scheduled `alerts` job does (api/src/jobs/kinds/alerts.ts).
 */
export const alertsRoutes = new Hono<AppEnv>()
  .get('/', validate('query', noQuery), responds(metricsAlertsAnswer), answers({ keep: false }), async (c) =>
    c.json(await openAlerts(c.var.deps.db)),
  )
  .post(
    '/run',
    responds(postMetricsAlertsRunAnswer),
    requireRole('admin'),
    validate('query', noQuery),
    async (c) => {
      const { db } = c.var.deps;
      const result = await openAlerts(db);
      await db.insert(auditLog).values({
        userId: c.var.user.id,
        action: 'alerts.run',
        target: result.quarter,
        details: JSON.stringify({ count: result.alerts.length, ids: result.alerts.map((a) => a.id) }),
      });
      return c.json({ ranAt: result.generatedAt, ...result });
    },
  );
