import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { leadConditions, type MetricFilter } from '../filter';
import { historyStartDate, quarterIndex, quartersCte, windowBounds } from './pacing-sql';
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
 * Per metric and source, the quarter so far and past quarters' shape by this day (period view: leads created,
 * became sales-ready, opportunity amount created, amount won in the quarter). `rollups`: from the day rollups
 * (any cutoff), else from the leads.
 */
export async function quarterShapes(
  db: Database,
  w: PacingWindow,
  filter: MetricFilter,
  rollups: boolean,
): Promise<ShapeRow[]> {
  const where = leadConditions(filter);
  const { historyStart: lo, cutoff: c } = windowBounds(w);
  const tz = w.timezone;
  const d = w.daysElapsed;
  const windowFrom = Math.max(0, d - runRateDays);
  const priorCount = Math.min(priorQuarters, w.history.length);
  const local = (column: string) => sql`(${sql.raw(column)} at time zone ${tz})::date`;
  const range = (column: string) => sql`${sql.raw(column)} >= ${lo} and ${sql.raw(column)} < ${c}`;
  // Weights are numeric, summed exactly and cast once: the same bits from leads as from daily sums.
  const rawEvents = sql`
      select 'leads'::text as metric, coalesce(l.source_id, 0) as src, ${local('l.created_at')} as day, 1::numeric as w
        from leads l where ${range('l.created_at')} and ${where}
      union all
      select 'salesReady', coalesce(l.source_id, 0), ${local('l.sales_ready_at')}, 1::numeric
        from leads l where ${range('l.sales_ready_at')} and ${where}
      union all
      select 'pipeline', coalesce(l.source_id, 0), ${local('l.opportunity_at')}, coalesce(l.amount, 0)::numeric
        from leads l where ${range('l.opportunity_at')} and ${where}
      union all
      select 'revenue', coalesce(l.source_id, 0), ${local('l.won_at')}, coalesce(l.amount, 0)::numeric
        from leads l where ${range('l.won_at')} and ${where}`;
  // The same events summed per local day and source; a row of zero leads is no event.
  const days = sql`l.day >= ${historyStartDate(w)}::date and l.day < ${w.cutoffDate}::date`;
  const rolledEvents = sql`
      select 'leads'::text as metric, coalesce(l.source_id, 0) as src, l.day, l.leads::numeric as w
        from rollup_lead_days l where ${days} and l.leads <> 0 and ${where}
      union all
      select case l.stage when 'sales_ready' then 'salesReady' when 'opportunity' then 'pipeline' else 'revenue' end,
        coalesce(l.source_id, 0), l.day, case when l.stage = 'sales_ready' then l.leads::numeric else l.amount end
        from rollup_stage_days l
        where l.stage in ('sales_ready', 'opportunity', 'won') and ${days} and l.leads <> 0 and ${where}`;
  return selectRows<ShapeRow>(
    db,
    sql`
    with ${quartersCte(w)},
    events as (${rollups ? rolledEvents : rawEvents}),
    -- Each day's quarter found by arithmetic on months (a hash join, not every day against each quarter);
    -- the sources' exact numeric sums then add up to the totals.
    by_source as (
      select e.metric, e.src, q.k,
        sum(e.w) as final,
        coalesce(sum(e.w) filter (where e.day - q.qfrom < ${d}::int), 0) as cum_d,
        coalesce(sum(e.w) filter (where e.day - q.qfrom >= ${windowFrom}::int and e.day - q.qfrom < ${d}::int), 0) as cum_w
      from events e
      join quarters q on q.k = ${quarterIndex(sql`e.day`, w)} and e.day >= q.qfrom and e.day < q.qto
      group by e.metric, e.src, q.k
    ),
    per_quarter as (
      select metric, src, k, final::float8 as final, cum_d::float8 as cum_d, cum_w::float8 as cum_w from by_source
      union all
      select metric, -1, k, sum(final)::float8, sum(cum_d)::float8, sum(cum_w)::float8 from by_source group by metric, k
    ),
    -- Float sums over quarters run in a fixed order (by quarter): the figures do not depend on the plan.
    shaped as (
      select metric, src,
        coalesce(sum(final) filter (where k = 0), 0)::float8 as actual,
        coalesce(sum(cum_w) filter (where k = 0), 0)::float8 as actual_window,
        (count(*) filter (where k > 0 and final > 0))::int as quarters,
        (avg(cum_d / final order by k) filter (where k > 0 and final > 0))::float8 as share,
        (avg(cum_w / final order by k) filter (where k > 0 and final > 0))::float8 as window_share,
        (count(*) filter (where k > 0 and k % 4 = 0 and final > 0))::int as same_quarters,
        (avg(cum_d / final order by k) filter (where k > 0 and k % 4 = 0 and final > 0))::float8 as same_share,
        (avg(cum_w / final order by k) filter (where k > 0 and k % 4 = 0 and final > 0))::float8 as same_window_share,
        case when ${priorCount}::int = 0 then null
          else coalesce(sum(final order by k) filter (where k between 1 and ${priorCount}::int), 0)::float8 / ${priorCount}::int end as prior,
        coalesce(sum(final order by k) filter (where k > 0), 0)::float8 as history_total
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

export async function salesReadyLag(
  db: Database,
  w: PacingWindow,
  filter: MetricFilter,
  rollups: boolean,
): Promise<LagRow[]> {
  const where = leadConditions(filter);
  // rollup_lead_facts keeps the SRLs' sales-ready times (at or after creation) and their durations
  // as this computes them, cast to float8 as percentile_cont casts them: the same medians.
  const scope = rollups ? sql`rollup_lead_facts l` : sql`leads l`;
  const lag = rollups
    ? sql`l.days_to_sales_ready`
    : sql`extract(epoch from (l.sales_ready_at - l.created_at)) / 86400.0`;
  const orderly = rollups ? sql`true` : sql`l.sales_ready_at >= l.created_at`;
  return selectRows<LagRow>(
    db,
    sql`
    with ${quartersCte(w)},
    -- The first days of each quarter as instants: an index range per quarter, not every SRL against each.
    windows as materialized (
      select k, (qfrom::timestamp at time zone ${w.timezone}) as lo,
        ((qfrom + ${w.daysElapsed}::int)::timestamp at time zone ${w.timezone}) as hi
      from quarters
    ),
    ready as (
      select coalesce(l.source_id, 0) as src, q.k, ${lag} as lag
      from windows q
      join ${scope} on l.sales_ready_at >= q.lo and l.sales_ready_at < q.hi
      where ${orderly} and ${where}
    )
    select coalesce(src, -1) as "sourceKey",
      (percentile_cont(0.5) within group (order by lag) filter (where k = 0))::float8 as "currentMedianDays",
      (percentile_cont(0.5) within group (order by lag) filter (where k > 0))::float8 as "historyMedianDays"
    from ready group by grouping sets ((src), ())`,
  );
}
