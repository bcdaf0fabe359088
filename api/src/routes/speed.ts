import { quarterName } from '@salesready/db/periods';
import { describeChange } from '@salesready/db/queries/changes/describe-change';
import { sourceChanges } from '@salesready/db/queries/changes/source-changes';
import { timeToSalesReady } from '@salesready/db/queries/speed/time-to-sales-ready';
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { answers, leadFigureReads } from '../figures/answers';
import { periodQuery, resolveMetricsQuery } from '../figures/period-query';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { metricsChangesAnswer, metricsSpeedAnswer } from '../schemas/metrics-answers';

const quarterLabel = /^\d{4}-Q[1-4]$/;

/** Time to sales-ready of the period's SRLs, and what changed against the previous period. */
export const speedRoutes = new Hono<AppEnv>()
  .get(
    '/speed',
    responds(metricsSpeedAnswer),
    validate('query', periodQuery),
    answers({ reads: leadFigureReads }),
    async (c) => {
      const { db } = c.var.deps;
      const { periods, leads, filter } = await resolveMetricsQuery(db, c.req.valid('query'));
      const report = await timeToSalesReady(db, filter);
      return c.json({ period: periods.current, timezone: periods.timezone, filters: leads, ...report });
    },
  )
  .get(
    '/changes',
    responds(metricsChangesAnswer),
    validate('query', periodQuery),
    answers({ reads: leadFigureReads }),
    async (c) => {
      const { db } = c.var.deps;
      const { periods, leads, filter } = await resolveMetricsQuery(db, c.req.valid('query'));
      const { totals, changes } = await sourceChanges(db, filter, periods.previous);
      // While the quarter is in progress the previous one is cut to as many days, and the words say so.
      const at = periods.daysElapsed === null ? '' : ` at day ${periods.daysElapsed}`;
      const against = quarterLabel.test(periods.current.label)
        ? `vs ${quarterName(periods.previous.label)}${at}`
        : `vs the previous period${at}`;
      return c.json({
        period: periods.current,
        previous: periods.previous,
        daysElapsed: periods.daysElapsed,
        timezone: periods.timezone,
        filters: leads,
        totals,
        changes: changes.map((change) => ({ ...change, text: describeChange(change, against) })),
      });
    },
  );
