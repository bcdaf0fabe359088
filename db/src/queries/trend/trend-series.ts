import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { defined } from '../../defined';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import { type Bucket, bucketDaysTable, bucketsTable } from '../buckets';
import { daysBetweenSql, inDays, leadConditions, type MetricFilter, ratioSql } from '../filter';

export const trendSeries = [
  'leads',
  'mqls',
  'salesReady',
  'opportunities',
  'won',
  'revenue',
  'salesReadyRate',
  'medianDaysToSalesReady',
] as const;
export type TrendSeries = (typeof trendSeries)[number];

export interface TrendPoint {
  label: string;
  from: string;
  to: string;
  /** Leads created in the slice. */
  leads: number;
  /** Leads that became MQL / sales-ready / an opportunity / won in the slice (event time). */
  mqls: number;
  salesReady: number;
  opportunities: number;
  won: number;
  /** Amount of the deals won in the slice. */
  revenue: number;
  /** Of the leads created in the slice, the share sales-ready to date. */
  salesReadyRate: number | null;
  /** Median days created → sales-ready of the slice's SRLs (those sales-ready at or after creation). */
  medianDaysToSalesReady: number | null;
}

/**
 * Every trend series per slice of the range (see splitRange), each counting its own event as the overview
 * does, so a series' slices add up to the overview's figure for the range (medians do not add up: each
 * slice's is the overview's median over that slice).
 */
export async function trendPoints(
  db: Database,
  filter: MetricFilter,
  buckets: readonly Bucket[],
  options: FigureOptions = {},
): Promise<TrendPoint[]> {
  if (buckets.length === 0) return [];
  const where = leadConditions(filter);
  // The slices' whole range, so the rollups are read through their (stage, day) key.
  const span = inDays({ from: defined(buckets[0]).from, to: defined(buckets[buckets.length - 1]).to });
  const query = (await rollupsServe(db, filter, options))
    ? sql`
    with b as ${bucketDaysTable(buckets)},
    bi as ${bucketsTable(buckets, filter.timezone)},
    created as (
      select b.i, sum(l.leads) as leads, sum(l.sales_ready) as ready_of_created
      from b join rollup_lead_days l on l.day >= b.lo and l.day < b.hi
      where ${span} and ${where} group by b.i
    ),
    staged as (
      select b.i,
             sum(l.leads) filter (where l.stage = 'mql') as mqls,
             sum(l.leads) filter (where l.stage = 'sales_ready') as sales_ready,
             sum(l.leads) filter (where l.stage = 'opportunity') as opportunities,
             sum(l.leads) filter (where l.stage = 'won') as won,
             sum(l.amount) filter (where l.stage = 'won') as revenue
      from b join rollup_stage_days l on l.day >= b.lo and l.day < b.hi
      where l.stage in ('mql', 'sales_ready', 'opportunity', 'won') and ${span} and ${where} group by b.i
    ),
    speed as (
      select bi.i, percentile_cont(0.5) within group (order by l.days_to_sales_ready) as median_days
      from bi join rollup_lead_facts l on l.sales_ready_at >= bi.lo and l.sales_ready_at < bi.hi
      where ${where} group by bi.i
    )
    select b.i,
           coalesce(created.leads, 0)::int as leads,
           coalesce(staged.mqls, 0)::int as mqls,
           coalesce(staged.sales_ready, 0)::int as "salesReady",
           coalesce(staged.opportunities, 0)::int as opportunities,
           coalesce(staged.won, 0)::int as won,
           coalesce(staged.revenue, 0)::float8 as revenue,
           ${ratioSql(sql`coalesce(created.ready_of_created, 0)`, sql`coalesce(created.leads, 0)`)} as "salesReadyRate",
           speed.median_days::float8 as "medianDaysToSalesReady"
    from b
    left join created on created.i = b.i
    left join staged on staged.i = b.i
    left join speed on speed.i = b.i
    order by b.i`
    : sql`
    with b as ${bucketsTable(buckets, filter.timezone)},
    created as (
      select b.i, count(*) as leads, count(*) filter (where l.sales_ready_at is not null) as ready_of_created
      from b join leads l on l.created_at >= b.lo and l.created_at < b.hi
      where ${where} group by b.i
    ),
    mql as (
      select b.i, count(*) as c from b join leads l on l.mql_at >= b.lo and l.mql_at < b.hi
      where ${where} group by b.i
    ),
    ready as (
      select b.i, count(*) as c,
             percentile_cont(0.5) within group (order by ${daysBetweenSql(sql`l.created_at`, sql`l.sales_ready_at`)})
               filter (where l.sales_ready_at >= l.created_at) as median_days
      from b join leads l on l.sales_ready_at >= b.lo and l.sales_ready_at < b.hi
      where ${where} group by b.i
    ),
    opp as (
      select b.i, count(*) as c from b join leads l on l.opportunity_at >= b.lo and l.opportunity_at < b.hi
      where ${where} group by b.i
    ),
    won as (
      select b.i, count(*) as c, sum(l.amount) as revenue
      from b join leads l on l.won_at >= b.lo and l.won_at < b.hi
      where ${where} group by b.i
    )
    select b.i,
           coalesce(created.leads, 0)::int as leads,
           coalesce(mql.c, 0)::int as mqls,
           coalesce(ready.c, 0)::int as "salesReady",
           coalesce(opp.c, 0)::int as opportunities,
           coalesce(won.c, 0)::int as won,
           coalesce(won.revenue, 0)::float8 as revenue,
           ${ratioSql(sql`coalesce(created.ready_of_created, 0)`, sql`coalesce(created.leads, 0)`)} as "salesReadyRate",
           ready.median_days::float8 as "medianDaysToSalesReady"
    from b
    left join created on created.i = b.i
    left join mql on mql.i = b.i
    left join ready on ready.i = b.i
    left join opp on opp.i = b.i
    left join won on won.i = b.i
    order by b.i`;
  const rows = await selectRows<Omit<TrendPoint, 'label' | 'from' | 'to'> & { i: number }>(db, query);
  return rows.map(({ i, ...figures }) => {
    const bucket = defined(buckets[i - 1]);
    return { label: bucket.label, from: bucket.from, to: bucket.to, ...figures };
  });
}
