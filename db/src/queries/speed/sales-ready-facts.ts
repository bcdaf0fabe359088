import { type SQL, sql } from 'drizzle-orm';
import { daysBetweenSql, inDays, inRange, leadConditions, type MetricFilter } from '../filter';

/**
 * Marketing touches of lead `l` from its creation to its sales-ready time, both ends included: the
 * touches to sales-ready of docs/metrics.md.
 */
export const marketingTouchesToSalesReadySql = sql`(
        select count(*) from touches t
        where t.lead_id = l.id and t.actor = 'marketing'
          and t.occurred_at >= l.created_at and t.occurred_at <= l.sales_ready_at)`;

/**
 * One row per lead sales-ready in the period, `(source_id, orderly, days, touches)`: orderly if sales-ready
 * at or after creation, and only then its days created → sales-ready and marketing touches between (ends
 * included); the medians leave out the nulls (docs/metrics.md, "Overview": the overview's definitions).
 */
export function salesReadyFacts(filter: MetricFilter, fromRollups: boolean): SQL {
  const where = leadConditions(filter);
  if (fromRollups)
    // rollup_lead_facts keeps the orderly SRLs with their stored days and touches; the few
    // sales-ready before creation are only counted, per day and source, in rollup_stage_days.
    return sql`
      select l.source_id, true, l.days_to_sales_ready, l.touches::bigint
      from rollup_lead_facts l where ${inRange(sql`l.sales_ready_at`, filter)} and ${where}
      union all
      select l.source_id, false, null::float8, null::bigint
      from rollup_stage_days l cross join generate_series(1, l.leads - l.orderly)
      where l.stage = 'sales_ready' and ${inDays(filter)} and l.leads > l.orderly and ${where}`;
  const orderly = sql`l.sales_ready_at >= l.created_at`;
  return sql`
      select l.source_id, ${orderly},
             case when ${orderly} then ${daysBetweenSql(sql`l.created_at`, sql`l.sales_ready_at`)}::float8 end,
             case when ${orderly} then ${marketingTouchesToSalesReadySql} end
      from leads l
      where ${inRange(sql`l.sales_ready_at`, filter)} and ${where}`;
}
