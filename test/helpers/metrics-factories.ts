import type { Database } from '@salesready/db/client';
import { applySalesReadyRule } from '@salesready/db/sales-ready-rule';
import { leads, spend, touches } from '@salesready/db/schema/index';

/** A lead with every field the metrics read; absent stage times are null (stage not reached). */
export interface MetricLead {
  externalId: string;
  createdAt: string;
  sourceId?: number | null;
  mqlAt?: string;
  crmSalesReadyAt?: string;
  acceptedAt?: string;
  opportunityAt?: string;
  wonAt?: string;
  lostAt?: string;
  disqualifiedAt?: string;
  amount?: number;
  bant?: [boolean, boolean, boolean, boolean];
  segment?: string;
  country?: string;
  owner?: string;
  originSystem?: string;
}

const at = (value: string | undefined) => (value ? new Date(value) : null);

/** Inserts leads (in batches), applies the sales-ready rule, and returns their ids by external id. */
export async function addMetricLeads(db: Database, rows: MetricLead[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const inserted = await db
      .insert(leads)
      .values(
        batch.map((r) => ({
          externalId: r.externalId,
          originSystem: r.originSystem ?? 'test',
          createdAt: new Date(r.createdAt),
          sourceId: r.sourceId ?? null,
          mqlAt: at(r.mqlAt),
          crmSalesReadyAt: at(r.crmSalesReadyAt),
          acceptedAt: at(r.acceptedAt),
          opportunityAt: at(r.opportunityAt),
          wonAt: at(r.wonAt),
          lostAt: at(r.lostAt),
          disqualifiedAt: at(r.disqualifiedAt),
          amount: r.amount ?? null,
          budget: r.bant?.[0] ?? false,
          authority: r.bant?.[1] ?? false,
          need: r.bant?.[2] ?? false,
          timeframe: r.bant?.[3] ?? false,
          segment: r.segment ?? null,
          country: r.country ?? null,
          owner: r.owner ?? null,
          status: r.wonAt
            ? ('won' as const)
            : r.lostAt
              ? ('lost' as const)
              : r.disqualifiedAt
                ? ('disqualified' as const)
                : ('open' as const),
        })),
      )
      .returning({ id: leads.id, externalId: leads.externalId });
    for (const row of inserted) ids.set(row.externalId, row.id);
  }
  await applySalesReadyRule(db);
  return ids;
}

export interface TouchInput {
  leadId: number;
  occurredAt: string;
  channel?: string | null;
  actor?: 'marketing' | 'sales';
  kind?: string;
}

export async function addTouches(db: Database, rows: TouchInput[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(touches).values(
    rows.map((r) => ({
      leadId: r.leadId,
      occurredAt: new Date(r.occurredAt),
      kind: r.kind ?? 'email',
      channel: r.channel ?? null,
      actor: r.actor ?? ('marketing' as const),
    })),
  );
}

/** Spend of a source in the month starting `month` (YYYY-MM-01). */
export async function addSpend(db: Database, sourceId: number, month: string, amount: number): Promise<void> {
  await db.insert(spend).values({ sourceId, month, amount });
}
