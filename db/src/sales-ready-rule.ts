import { sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * The sales-ready rule (a setting): a lead is sales-ready when its BANT score reaches the
 * threshold, or when the CRM gave an explicit sales-ready time and the rule accepts it.
 * The effective time is the CRM's when known, else the MQL time, else the creation time.
 * Figures read `sales_ready_at`, so it is recomputed here whenever leads or the rule change.
 */
export const effectiveSalesReadyAt = sql`case
  when s.use_crm_sales_ready and l.crm_sales_ready_at is not null then l.crm_sales_ready_at
  when l.bant_score >= s.sales_ready_bant_threshold then coalesce(l.crm_sales_ready_at, l.mql_at, l.created_at)
end`;

/** Recomputes `sales_ready_at`; pass lead ids to limit it to the leads just written. */
export async function applySalesReadyRule(db: Database, leadIds?: number[]): Promise<void> {
  const only = leadIds ? sql`and l.id = any(${`{${leadIds.join(',')}}`}::bigint[])` : sql``;
  await db.execute(sql`
    update leads l set sales_ready_at = ${effectiveSalesReadyAt}
    from settings s
    where s.id = 1 ${only}
      and l.sales_ready_at is distinct from (${effectiveSalesReadyAt})`);
}
