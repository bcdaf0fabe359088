import { type SQL, sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * A lead is sales-ready when its BANT score reaches the threshold or the CRM gave a sales-ready time the rule
 * accepts, at the CRM's time, else the MQL time, else creation. Figures read `sales_ready_at`, so it is
 * recomputed when leads or the rule change: here over stored leads, by the importer as a write is applied.
 */
export function salesReadyRule(
  lead: { crmSalesReadyAt: SQL; bantScore: SQL; mqlAt: SQL; createdAt: SQL },
  rule: { useCrmSalesReady: SQL; bantThreshold: SQL },
): SQL {
  return sql`case
  when ${rule.useCrmSalesReady} and ${lead.crmSalesReadyAt} is not null then ${lead.crmSalesReadyAt}
  when ${lead.bantScore} >= ${rule.bantThreshold}
    then coalesce(${lead.crmSalesReadyAt}, ${lead.mqlAt}, ${lead.createdAt})
end`;
}

/** The rule over a stored lead `l` and the settings row `s`. */
export const effectiveSalesReadyAt = salesReadyRule(
  {
    crmSalesReadyAt: sql`l.crm_sales_ready_at`,
    bantScore: sql`l.bant_score`,
    mqlAt: sql`l.mql_at`,
    createdAt: sql`l.created_at`,
  },
  { useCrmSalesReady: sql`s.use_crm_sales_ready`, bantThreshold: sql`s.sales_ready_bant_threshold` },
);

/** Recomputes `sales_ready_at`; pass lead ids to limit it to the leads just written. */
export async function applySalesReadyRule(db: Database, leadIds?: number[]): Promise<void> {
  const only = leadIds ? sql`and l.id = any(${`{${leadIds.join(',')}}`}::bigint[])` : sql``;
  await db.execute(sql`
    update leads l set sales_ready_at = ${effectiveSalesReadyAt}
    from settings s
    where s.id = 1 ${only}
      and l.sales_ready_at is distinct from (${effectiveSalesReadyAt})`);
}
