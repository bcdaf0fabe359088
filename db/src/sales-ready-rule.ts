import { type SQL, sql } from 'drizzle-orm';
import type { Database } from './client';

/**
 * The sales-ready rule (a setting): a lead is sales-ready when its BANT score reaches the
 * threshold, or when the CRM gave an explicit sales-ready time and the rule accepts it.
 * The effective time is the CRM's when known, else the MQL time, else the creation time.
 * Figures read `sales_ready_at`, so it is recomputed whenever leads or the rule change: here over
 * stored leads, and by the importer over the values a lead has once its write is applied.
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
