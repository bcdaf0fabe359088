import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { shiftQuarter, todayIn } from '@salesready/db/periods';
import { marketingContribution } from '@salesready/db/queries/attribution/marketing-contribution';
import {
  attributionModels,
  revenueAttribution,
} from '@salesready/db/queries/attribution/revenue-attribution';
import { recentWeeks, splitRange, trendGrains } from '@salesready/db/queries/buckets';
import { cohortAges, cohortConversion } from '@salesready/db/queries/cohorts/cohort-conversion';
import type { LeadFilter, MetricFilter } from '@salesready/db/queries/filter';
import { funnelReport } from '@salesready/db/queries/funnel/funnel-report';
import { overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { campaignReport } from '@salesready/db/queries/sources/campaign-report';
import { sourceReport } from '@salesready/db/queries/sources/source-report';
import { metricViews } from '@salesready/db/queries/stages';
import {
  type TrendPoint,
  type TrendSeries,
  trendPoints,
  trendSeries,
} from '@salesready/db/queries/trend/trend-series';
import { targets } from '@salesready/db/schema/index';
import { and, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { answers, leadFigureReads } from '../figures/answers';
import { withComparisons } from '../figures/comparisons';
import {
  filterFor,
  hasLeadFilter,
  listParam,
  metricsQuery,
  periodQuery,
  resolveMetricsQuery,
} from '../figures/period-query';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import {
  metricsCohortsAnswer,
  metricsFunnelAnswer,
  metricsOverviewAnswer,
  metricsTrendAnswer,
} from '../schemas/metrics-answers';
import {
  metricsAttributionAnswer,
  metricsCampaignsAnswer,
  metricsSourcesAnswer,
} from '../schemas/source-answers';

const view = z.enum(metricViews).default('cohort');
const viewQuery = metricsQuery({ view });
const defaultSeries: TrendSeries[] = ['leads', 'salesReady'];
const trendQuery = metricsQuery({
  grain: z.enum(trendGrains).default('week'),
  /**
   * Instead of the period's own slices: this many whole weeks up to today (see `recentWeeks`),
   * for sparklines. The server knows today in the company's time zone; the page need not wait
   * for the period to ask. The answer's `targets` is then null: targets belong to a quarter.
   */
  recentWeeks: z.coerce.number().int().min(2).max(53).optional(),
  series: listParam(
    (raw) => (raw === 'all' || (trendSeries as readonly string[]).includes(raw) ? raw : undefined),
    `a series (${trendSeries.join(', ')} or all)`,
    true,
  ),
});
const cohortQuery = metricsQuery({ grain: z.enum(['quarter', 'month']).default('quarter') });

/** A figure query over the comparison periods with the request's lead filters kept. */
const filtered =
  <T>(leads: LeadFilter, query: (db: Database, filter: MetricFilter) => Promise<T>) =>
  (db: Database, filter: MetricFilter) =>
    query(db, { ...filter, ...leads });

/** Company-wide targets without lead filters, one source's with only that source, else none. */
async function quarterTargets(db: Database, quarter: string, leads: LeadFilter) {
  const onlySource =
    leads.sourceIds?.length === 1 && !hasLeadFilter({ ...leads, sourceIds: [] })
      ? defined(leads.sourceIds[0])
      : null;
  if (hasLeadFilter(leads) && onlySource === null) return { leads: null, salesReady: null };
  const rows = await db
    .select({ metric: targets.metric, value: targets.value })
    .from(targets)
    .where(
      and(
        eq(targets.quarter, quarter),
        onlySource === null ? isNull(targets.sourceId) : eq(targets.sourceId, onlySource),
      ),
    );
  const goal = (metric: string) => rows.find((g) => g.metric === metric)?.value ?? null;
  return { leads: goal('leads'), salesReady: goal('sales_ready') };
}

/** Week points keep their original key (`weekStart`); month and quarter points carry a label and start. */
function shapePoint(point: TrendPoint, grain: (typeof trendGrains)[number], series: readonly TrendSeries[]) {
  const values = Object.fromEntries(series.map((s) => [s, point[s]])) as Partial<
    Pick<TrendPoint, TrendSeries>
  >;
  return grain === 'week'
    ? { weekStart: point.from, ...values }
    : { label: point.label, start: point.from, ...values };
}

export const metricsRoutes = new Hono<AppEnv>()
  .get(
    '/overview',
    responds(metricsOverviewAnswer),
    validate('query', periodQuery),
    answers({ reads: [...leadFigureReads, 'targets'] }),
    async (c) => {
      const { db } = c.var.deps;
      const { periods, leads } = await resolveMetricsQuery(db, c.req.valid('query'));
      const [kpis, details] = await Promise.all([
        withComparisons(db, periods, filtered(leads, overviewKpis)),
        withComparisons(db, periods, filtered(leads, overviewDetails)),
      ]);
      return c.json({
        period: periods.current,
        previous: periods.previous,
        yearAgo: periods.yearAgo,
        daysElapsed: periods.daysElapsed,
        timezone: periods.timezone,
        filters: leads,
        kpis,
        details,
      });
    },
  )
  .get(
    '/sources',
    responds(metricsSourcesAnswer),
    validate('query', viewQuery),
    answers({ reads: [...leadFigureReads, 'targets', 'spend', 'sales_cost'] }),
    async (c) => {
      const { db } = c.var.deps;
      const query = c.req.valid('query');
      const { periods, leads, filter } = await resolveMetricsQuery(db, query);
      const report = await sourceReport(db, filter, query.view);
      return c.json({ period: periods.current, timezone: periods.timezone, filters: leads, ...report });
    },
  )
  .get(
    '/campaigns',
    responds(metricsCampaignsAnswer),
    validate('query', viewQuery),
    answers({ reads: [...leadFigureReads, 'spend'] }),
    async (c) => {
      const { db } = c.var.deps;
      const query = c.req.valid('query');
      const { periods, leads, filter } = await resolveMetricsQuery(db, query);
      const report = await campaignReport(db, filter, query.view);
      return c.json({ period: periods.current, timezone: periods.timezone, filters: leads, ...report });
    },
  )
  .get(
    '/funnel',
    responds(metricsFunnelAnswer),
    validate('query', viewQuery),
    answers({ reads: leadFigureReads }),
    async (c) => {
      const { db } = c.var.deps;
      const query = c.req.valid('query');
      const { periods, leads, filter } = await resolveMetricsQuery(db, query);
      const report = await funnelReport(db, filter, query.view);
      return c.json({ period: periods.current, timezone: periods.timezone, filters: leads, ...report });
    },
  )
  .get(
    '/trend',
    responds(metricsTrendAnswer),
    validate('query', trendQuery),
    answers({ reads: [...leadFigureReads, 'targets'] }),
    async (c) => {
      const { db } = c.var.deps;
      const query = c.req.valid('query');
      const { periods, leads, filter } = await resolveMetricsQuery(db, query);
      const series = query.series?.length
        ? query.series.includes('all')
          ? [...trendSeries]
          : trendSeries.filter((s) => defined(query.series).includes(s))
        : defaultSeries;
      if (query.recentWeeks && query.grain !== 'week')
        throw new AppError('bad_request', 'recentWeeks needs grain=week', [
          { path: 'grain', message: 'must be week with recentWeeks' },
        ]);
      const buckets = query.recentWeeks
        ? recentWeeks(periods.current, todayIn(periods.timezone), query.recentWeeks)
        : splitRange(periods.current, query.grain, periods.fiscalYearStartMonth);
      // Recent weeks run across quarters: no one quarter's targets apply to them, so none are read.
      const [points, goals] = await Promise.all([
        trendPoints(db, filter, buckets),
        query.recentWeeks ? null : quarterTargets(db, periods.current.label, leads),
      ]);
      return c.json({
        period: periods.current,
        grain: query.grain,
        series,
        points: points.map((p) => shapePoint(p, query.grain, series)),
        targets: goals,
      });
    },
  )
  .get(
    '/cohorts',
    responds(metricsCohortsAnswer),
    validate('query', cohortQuery),
    answers({ keep: false }),
    async (c) => {
      const { db } = c.var.deps;
      const query = c.req.valid('query');
      const { periods, leads } = await resolveMetricsQuery(db, query);
      // Without a period: the eight fiscal quarters up to and including the current one.
      const range =
        query.quarter || query.from
          ? periods.current
          : (() => {
              const first = shiftQuarter(periods.current.label, -7, periods.fiscalYearStartMonth);
              return {
                label: `${first.label}..${periods.current.label}`,
                from: first.from,
                to: periods.current.to,
              };
            })();
      const asOf = new Date();
      const cohorts = await cohortConversion(
        db,
        filterFor(range, periods.timezone, leads),
        splitRange(range, query.grain, periods.fiscalYearStartMonth),
        asOf,
      );
      return c.json({
        period: range,
        timezone: periods.timezone,
        grain: query.grain,
        asOf: asOf.toISOString(),
        ages: [...cohortAges],
        filters: leads,
        cohorts,
      });
    },
  )
  .get(
    '/attribution',
    responds(metricsAttributionAnswer),
    validate('query', periodQuery),
    answers({ reads: leadFigureReads }),
    async (c) => {
      const { db } = c.var.deps;
      const { periods, leads, filter } = await resolveMetricsQuery(db, c.req.valid('query'));
      const [marketing, attribution] = await Promise.all([
        marketingContribution(db, filter),
        revenueAttribution(db, filter),
      ]);
      return c.json({
        period: periods.current,
        timezone: periods.timezone,
        filters: leads,
        marketing,
        models: [...attributionModels],
        rows: attribution.rows,
        totals: attribution.totals,
      });
    },
  );
