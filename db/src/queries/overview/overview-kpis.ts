import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { daysBetweenSql, inRange, leadConditions, type MetricFilter } from '../filter';

export interface OverviewKpis {
  leads: number;
  salesReady: number;
  salesReadyRate: number | null;
  medianDaysToSalesReady: number | null;
  wonRevenue: number;
}

/**
 * The overview's headline figures for one period (definitions in docs/metrics.md):
 * lead volume (created in the period), SRLs (became sales-ready in the period), SRL rate
 * (of the leads created in the period, the share sales-ready by now), median days created →
 * sales-ready of the period's SRLs, and won revenue (amount of deals won in the period).
 */
export async function overviewKpis(db: Database, filter: MetricFilter): Promise<OverviewKpis> {
  const where = leadConditions(filter);
  const [row] = await selectRows<OverviewKpis>(
    db,
    sql`
    select
      created.leads,
      created.sales_ready_of_created,
      ready.sales_ready as "salesReady",
      case when created.leads = 0 then null
        else created.sales_ready_of_created::float8 / created.leads end as "salesReadyRate",
      ready.median_days as "medianDaysToSalesReady",
      won.revenue as "wonRevenue"
    from
      (select count(*)::int as leads,
              (count(*) filter (where l.sales_ready_at is not null))::int as sales_ready_of_created
         from leads l where ${inRange(sql`l.created_at`, filter)} and ${where}) created,
      (select count(*)::int as sales_ready,
              (percentile_cont(0.5) within group (order by ${daysBetweenSql(sql`l.created_at`, sql`l.sales_ready_at`)})
                filter (where l.sales_ready_at >= l.created_at))::float8 as median_days
         from leads l where ${inRange(sql`l.sales_ready_at`, filter)} and ${where}) ready,
      (select coalesce(sum(l.amount), 0)::float8 as revenue
         from leads l where ${inRange(sql`l.won_at`, filter)} and ${where}) won`,
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
