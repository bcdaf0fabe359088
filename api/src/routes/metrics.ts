import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { weeklyTrend } from '@salesready/db/queries/trend/weekly-trend';
import { targets } from '@salesready/db/schema/index';
import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { withComparisons } from '../compare-periods';
import type { AppEnv } from '../context';
import { validate } from '../middleware/validate';
import { filterFor, periodQuery, resolvePeriods } from '../period-query';

export const metricsRoutes = new Hono<AppEnv>()
  .get('/overview', validate('query', periodQuery), async (c) => {
    const { db } = c.var.deps;
    const periods = await resolvePeriods(db, c.req.valid('query'));
    const kpis = await withComparisons(db, periods, overviewKpis);
    return c.json({
      period: periods.current,
      previous: periods.previous,
      yearAgo: periods.yearAgo,
      timezone: periods.timezone,
      kpis,
    });
  })
  .get('/trend', validate('query', periodQuery), async (c) => {
    const { db } = c.var.deps;
    const periods = await resolvePeriods(db, c.req.valid('query'));
    const [weeks, goals] = await Promise.all([
      weeklyTrend(db, filterFor(periods.current, periods.timezone)),
      db
        .select({ metric: targets.metric, value: targets.value })
        .from(targets)
        .where(and(eq(targets.quarter, periods.current.label), isNull(targets.sourceId))),
    ]);
    const goal = (metric: string) => goals.find((g) => g.metric === metric)?.value ?? null;
    return c.json({
      period: periods.current,
      grain: 'week' as const,
      points: weeks,
      targets: { leads: goal('leads'), salesReady: goal('sales_ready') },
    });
  });
