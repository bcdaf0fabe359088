import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import { daysBetweenSql, inDays, inRange, leadConditions, type MetricFilter, rangeBounds } from '../filter';

export interface OverviewKpis {
  leads: number;
  salesReady: number;
  salesReadyRate: number | null;
  medianDaysToSalesReady: number | null;
  wonRevenue: number;
}

/**
 * The overview's headline figures for one period (docs/metrics.md). The SRL rate counts the period's leads
 * sales-ready by now, or by `reachedBy` for a comparison cut to the same day. From the rollups when they can
 * answer (the median sorts the SRLs' stored durations), else from the leads.
 */
export async function overviewKpis(
  db: Database,
  filter: MetricFilter,
  options: FigureOptions = {},
): Promise<OverviewKpis> {
  const where = leadConditions(filter);
  const days = daysBetweenSql(sql`l.created_at`, sql`l.sales_ready_at`);
  // A comparison cut to the day of a quarter in progress counts the SRLs its leads had by that day.
  const matured = filter.reachedBy
    ? sql`,
      (select count(*)::int as n from leads l
         where ${inRange(sql`l.created_at`, filter)} and ${where}
           and l.sales_ready_at < ${rangeBounds({ ...filter, to: filter.reachedBy }).hi}) matured`
    : sql``;
  const ofCreated = filter.reachedBy ? sql`matured.n` : sql`created.sales_ready_of_created`;
  const parts = (await rollupsServe(db, filter, options))
    ? sql`
      (select coalesce(sum(l.leads), 0)::int as leads,
              coalesce(sum(l.sales_ready), 0)::int as sales_ready_of_created
         from rollup_lead_days l where ${inDays(filter)} and ${where}) created,
      (select coalesce(sum(l.leads) filter (where l.stage = 'sales_ready'), 0)::int as sales_ready,
              coalesce(sum(l.amount) filter (where l.stage = 'won'), 0)::float8 as revenue
         from rollup_stage_days l
         where l.stage in ('sales_ready', 'won') and ${inDays(filter)} and ${where}) ready,
      (select (percentile_cont(0.5) within group (order by l.days_to_sales_ready))::float8 as median_days
         from rollup_lead_facts l where ${inRange(sql`l.sales_ready_at`, filter)} and ${where}) median`
    : sql`
      (select count(*)::int as leads,
              (count(*) filter (where l.sales_ready_at is not null))::int as sales_ready_of_created
         from leads l where ${inRange(sql`l.created_at`, filter)} and ${where}) created,
      (select count(*)::int as sales_ready,
              (percentile_cont(0.5) within group (order by ${days})
                filter (where l.sales_ready_at >= l.created_at))::float8 as median_days
         from leads l where ${inRange(sql`l.sales_ready_at`, filter)} and ${where}) ready,
      (select coalesce(sum(l.amount), 0)::float8 as revenue
         from leads l where ${inRange(sql`l.won_at`, filter)} and ${where}) won`;
  const [row] = await selectRows<OverviewKpis>(
    db,
    sql`
    select
      created.leads,
      ready.sales_ready as "salesReady",
      case when created.leads = 0 then null
        else ${ofCreated}::float8 / created.leads end as "salesReadyRate",
      median_days as "medianDaysToSalesReady",
      revenue as "wonRevenue"
    from ${parts}${matured}`,
  );
  if (!row) throw new Error('overview query returned no row');
  return {
    leads: row.leads,
    salesReady: row.salesReady,
    salesReadyRate: row.salesReadyRate,
    medianDaysToSalesReady: row.medianDaysToSalesReady,
    wonRevenue: row.wonRevenue,
  };
}
