import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type Bucket, bucketsTable } from '../buckets';
import { leadConditions, type MetricFilter, ratioSql } from '../filter';

export const trendSeries = [
  'leads',
  'mqls',
  'salesReady',
  'opportunities',
  'won',
  'revenue',
  'salesReadyRate',
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
}

/**
 * Every trend series per slice of the range (weeks, months or fiscal quarters, see splitRange).
 * Each series counts its own event in the slice, as the overview does for the whole period, so
 * the slices of a series add up to the overview's figure for the range.
 */
export async function trendPoints(
  db: Database,
  filter: MetricFilter,
  buckets: readonly Bucket[],
): Promise<TrendPoint[]> {
  if (buckets.length === 0) return [];
  const where = leadConditions(filter);
  const rows = await selectRows<Omit<TrendPoint, 'label' | 'from' | 'to'> & { i: number }>(
    db,
    sql`
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
      select b.i, count(*) as c from b join leads l on l.sales_ready_at >= b.lo and l.sales_ready_at < b.hi
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
           ${ratioSql(sql`coalesce(created.ready_of_created, 0)`, sql`coalesce(created.leads, 0)`)} as "salesReadyRate"
    from b
    left join created on created.i = b.i
    left join mql on mql.i = b.i
    left join ready on ready.i = b.i
    left join opp on opp.i = b.i
    left join won on won.i = b.i
    order by b.i`,
  );
  return rows.map(({ i, ...figures }) => {
    const bucket = buckets[i - 1]!;
    return { label: bucket.label, from: bucket.from, to: bucket.to, ...figures };
  });
}
