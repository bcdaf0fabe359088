import type { Database } from '@salesready/db/client';
import { applySalesReadyRule } from '@salesready/db/sales-ready-rule';
import { leads, touches } from '@salesready/db/schema/index';

/** Company names a spreadsheet would run as formulas if they were written as typed. */
export const formulaPayloads = [
  '=HYPERLINK("http://x","y")',
  '+1',
  '-1+1',
  '@SUM(A1)',
  '\tTabbed',
  '\rReturn',
];

/**
 * `n` leads created through 2025-Q1 (UTC), one a minute from 1 January: every 7th sales-ready a
 * day later, every 3rd without an amount, and amounts that repeat (so sorting by amount has ties
 * and empty values to keep in order). Leads 1–6 carry the formula payloads as company names, lead 7
 * a negative amount. Returns the ids in creation order.
 */
export async function insertExportLeads(
  db: Database,
  n: number,
  sourceId: number | null = null,
): Promise<number[]> {
  const ids: number[] = [];
  const start = Date.UTC(2025, 0, 1);
  for (let first = 0; first < n; first += 2000) {
    const batch = [];
    for (let i = first; i < Math.min(n, first + 2000); i++) {
      const created = new Date(start + i * 60_000);
      batch.push({
        externalId: `X${i + 1}`,
        originSystem: 'export-test',
        createdAt: created,
        sourceId,
        company: formulaPayloads[i] ?? `Company ${i % 500}`,
        crmSalesReadyAt: i % 7 === 0 ? new Date(created.getTime() + 86_400_000) : null,
        amount: i === 6 ? -250.5 : i % 3 === 0 ? null : (i % 40) * 100,
        owner: `Rep ${i % 9}`,
        status: 'open' as const,
      });
    }
    const rows = await db.insert(leads).values(batch).returning({ id: leads.id });
    ids.push(...rows.map((r) => r.id));
  }
  await applySalesReadyRule(db);
  return ids;
}

/** A marketing touch on each of the first leads, so `lastTouchAt` has values. */
export async function touchLeads(db: Database, ids: number[]): Promise<void> {
  await db.insert(touches).values(
    ids.map((leadId, i) => ({
      leadId,
      occurredAt: new Date(Date.UTC(2025, 2, 1) + i * 3_600_000),
      kind: 'email',
      actor: 'marketing' as const,
    })),
  );
}
