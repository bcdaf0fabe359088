import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { leadConditions, type MetricFilter } from '../filter';
import { quartersCte, windowBounds } from './pacing-sql';
import type { PacingWindow } from './pacing-window';

export const pacingMetrics = ['leads', 'salesReady', 'pipeline', 'revenue'] as const;
export type PacingMetric = (typeof pacingMetrics)[number];

/** Days of the trailing window the run rate reads (clipped to the quarter). */
export const runRateDays = 28;
/** How many of the latest history quarters give the prior (the usual final) for the run rate. */
export const priorQuarters = 4;

/** One metric for one source (`sourceKey` 0 = leads without a source, -1 = all sources together). */
export interface ShapeRow {
  metric: PacingMetric;
  sourceKey: number;
  /** So far this quarter (up to the cutoff). */
  actual: number;
  /** In the trailing run-rate window of this quarter. */
  actualWindow: number;
  /** History quarters with a non-zero final. */
  quarters: number;
  /** Mean over those quarters of (by this day) ÷ (final): the historical shape. */
  share: number | null;
  /** Mean over those quarters of (in the trailing window) ÷ (final). */
  windowShare: number | null;
  /** The same over the quarters a whole number of years back (the same season). */
  sameQuarters: number;
  sameShare: number | null;
  sameWindowShare: number | null;
  /** Mean final of the latest history quarters (zeros included), or null without history. */
  prior: number | null;
  /** Sum of the finals over all history quarters (for the source's historical share). */
  historyTotal: number;
  /** P10 and P90, over history quarters, of their remaining ÷ what the mean shape predicts. */
  spreadLow: number | null;
  spreadHigh: number | null;
}

/**
 * Per metric and source: the quarter so far and the shape of past quarters by this day.
 * Metrics, period view: leads = created in the quarter, salesReady = became sales-ready in it,
 * pipeline = amount of opportunities created in it, revenue = amount won in it.
 */
export async function quarterShapes(
  db: Database,
  w: PacingWindow,
  filter: MetricFilter,
): Promise<ShapeRow[]> {
  const where = leadConditions(filter);
  const { historyStart: lo, cutoff: c } = windowBounds(w);
  const tz = w.timezone;
  const d = w.daysElapsed;
  const windowFrom = Math.max(0, d - runRateDays);
  const priorCount = Math.min(priorQuarters, w.history.length);
  const local = (column: string) => sql`(${sql.raw(column)} at time zone ${tz})::date`;
  const range = (column: string) => sql`${sql.raw(column)} >= ${lo} and ${sql.raw(column)} < ${c}`;
  return selectRows<ShapeRow>(
    db,
    sql`
    with ${quartersCte(w)},
    events as (
      select 'leads'::text as metric, coalesce(l.source_id, 0) as src, ${local('l.created_at')} as day, 1::float8 as w
        from leads l where ${range('l.created_at')} and ${where}
      union all
      select 'salesReady', coalesce(l.source_id, 0), ${local('l.sales_ready_at')}, 1::float8
        from leads l where ${range('l.sales_ready_at')} and ${where}
      union all
      select 'pipeline', coalesce(l.source_id, 0), ${local('l.opportunity_at')}, coalesce(l.amount, 0)::float8
        from leads l where ${range('l.opportunity_at')} and ${where}
      union all
      select 'revenue', coalesce(l.source_id, 0), ${local('l.won_at')}, coalesce(l.amount, 0)::float8
        from leads l where ${range('l.won_at')} and ${where}
    ),
    per_quarter as (
      select e.metric, coalesce(e.src, -1) as src, q.k,
        sum(e.w)::float8 as final,
        coalesce(sum(e.w) filter (where e.day - q.qfrom < ${d}::int), 0)::float8 as cum_d,
        coalesce(sum(e.w) filter (where e.day - q.qfrom >= ${windowFrom}::int and e.day - q.qfrom < ${d}::int), 0)::float8 as cum_w
      from events e join quarters q on e.day >= q.qfrom and e.day < q.qto
      group by grouping sets ((e.metric, e.src, q.k), (e.metric, q.k))
    ),
    shaped as (
      select metric, src,
        coalesce(sum(final) filter (where k = 0), 0)::float8 as actual,
        coalesce(sum(cum_w) filter (where k = 0), 0)::float8 as actual_window,
        (count(*) filter (where k > 0 and final > 0))::int as quarters,
        (avg(cum_d / final) filter (where k > 0 and final > 0))::float8 as share,
        (avg(cum_w / final) filter (where k > 0 and final > 0))::float8 as window_share,
        (count(*) filter (where k > 0 and k % 4 = 0 and final > 0))::int as same_quarters,
        (avg(cum_d / final) filter (where k > 0 and k % 4 = 0 and final > 0))::float8 as same_share,
        (avg(cum_w / final) filter (where k > 0 and k % 4 = 0 and final > 0))::float8 as same_window_share,
        case when ${priorCount}::int = 0 then null
          else coalesce(sum(final) filter (where k between 1 and ${priorCount}::int), 0)::float8 / ${priorCount}::int end as prior,
        coalesce(sum(final) filter (where k > 0), 0)::float8 as history_total
      from per_quarter group by metric, src
    ),
    errors as (
      select p.metric, p.src,
        case when ${d}::int = 0 then p.final / nullif(s.history_total / nullif(s.quarters, 0), 0)
          -- Clipped to [0, 3]: a quarter with almost nothing by day d (one small deal) would otherwise
          -- stretch the range to absurd amounts; beyond 3× the range says nothing a CEO can use.
          else least(3, greatest(0, ((p.final - p.cum_d) / (p.cum_d + 1)) / nullif((1 - s.share) / nullif(s.share, 0), 0))) end as e
      from per_quarter p join shaped s on s.metric = p.metric and s.src = p.src
      where p.k > 0 and p.final > 0
    ),
    spread as (
      select metric, src,
        (percentile_cont(0.1) within group (order by e))::float8 as low,
        (percentile_cont(0.9) within group (order by e))::float8 as high
      from errors where e is not null group by metric, src
    )
    select s.metric, s.src as "sourceKey", s.actual, s.actual_window as "actualWindow", s.quarters,
      s.share, s.window_share as "windowShare",
      s.same_quarters as "sameQuarters", s.same_share as "sameShare", s.same_window_share as "sameWindowShare",
      s.prior, s.history_total as "historyTotal",
      sp.low as "spreadLow", sp.high as "spreadHigh"
    from shaped s left join spread sp on sp.metric = s.metric and sp.src = s.src
    order by s.metric, s.src`,
  );
}

/** Median days created → sales-ready of the SRLs in the first `daysElapsed` days: this quarter vs history. */
export interface LagRow {
  sourceKey: number;
  currentMedianDays: number | null;
  historyMedianDays: number | null;
}

export async function salesReadyLag(db: Database, w: PacingWindow, filter: MetricFilter): Promise<LagRow[]> {
  const where = leadConditions(filter);
  const { historyStart: lo, cutoff: c } = windowBounds(w);
  return selectRows<LagRow>(
    db,
    sql`
    with ${quartersCte(w)},
    ready as (
      select coalesce(l.source_id, 0) as src, q.k,
        extract(epoch from (l.sales_ready_at - l.created_at)) / 86400.0 as lag
      from leads l
      join quarters q on (l.sales_ready_at at time zone ${w.timezone})::date >= q.qfrom
        and (l.sales_ready_at at time zone ${w.timezone})::date < q.qfrom + ${w.daysElapsed}::int
      where l.sales_ready_at >= ${lo} and l.sales_ready_at < ${c} and l.sales_ready_at >= l.created_at and ${where}
    )
    select coalesce(src, -1) as "sourceKey",
      (percentile_cont(0.5) within group (order by lag) filter (where k = 0))::float8 as "currentMedianDays",
      (percentile_cont(0.5) within group (order by lag) filter (where k > 0))::float8 as "historyMedianDays"
    from ready group by grouping sets ((src), ())`,
  );
}
