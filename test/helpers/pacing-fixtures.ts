import type { Database } from '@salesready/db/client';
import { type LeadStatus, leads, targets, touches } from '@salesready/db/schema/index';
import type { TargetMetric } from '@salesready/db/schema/targets';
import { expect } from 'vitest';

/** A lead with every stage the pacing and hand-off figures read; times are ISO instants. */
export interface FunnelLead {
  externalId: string;
  createdAt: string;
  sourceId?: number | null;
  salesReadyAt?: string;
  acceptedAt?: string;
  opportunityAt?: string;
  wonAt?: string;
  lostAt?: string;
  disqualifiedAt?: string;
  disqualifyReason?: string;
  status?: LeadStatus;
  amount?: number;
  owner?: string;
  company?: string;
}

const at = (v: string | undefined) => (v ? new Date(v) : null);

/**
 * Inserts leads with their stage times as given. The sales-ready time is written straight to
 * `sales_ready_at` (and the CRM column), as the sales-ready rule would leave it.
 */
export async function insertFunnelLeads(db: Database, rows: FunnelLead[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const inserted = await db
      .insert(leads)
      .values(
        batch.map((r) => ({
          externalId: r.externalId,
          createdAt: new Date(r.createdAt),
          sourceId: r.sourceId ?? null,
          crmSalesReadyAt: at(r.salesReadyAt),
          salesReadyAt: at(r.salesReadyAt),
          acceptedAt: at(r.acceptedAt),
          opportunityAt: at(r.opportunityAt),
          wonAt: at(r.wonAt),
          lostAt: at(r.lostAt),
          disqualifiedAt: at(r.disqualifiedAt),
          disqualifyReason: r.disqualifyReason ?? null,
          amount: r.amount ?? null,
          owner: r.owner ?? null,
          company: r.company ?? null,
          status:
            r.status ??
            (r.wonAt
              ? 'won'
              : r.lostAt
                ? 'lost'
                : r.disqualifiedAt
                  ? 'disqualified'
                  : ('open' as LeadStatus)),
        })),
      )
      .returning({ id: leads.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function insertTouches(
  db: Database,
  rows: { leadId: number; occurredAt: string; actor: 'marketing' | 'sales'; kind?: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(touches).values(
    rows.map((r) => ({
      leadId: r.leadId,
      occurredAt: new Date(r.occurredAt),
      actor: r.actor,
      kind: r.kind ?? (r.actor === 'sales' ? 'call' : 'email'),
    })),
  );
}

export async function insertTargets(
  db: Database,
  rows: { quarter: string; metric: TargetMetric; sourceId?: number | null; value: number }[],
): Promise<void> {
  await db.insert(targets).values(rows.map((r) => ({ ...r, sourceId: r.sourceId ?? null })));
}

/** `count` leads, one every `everyHours` from `start` (ISO), with ids `${prefix}-n`. */
export function leadSeries(
  prefix: string,
  start: string,
  count: number,
  everyHours: number,
  extra: Partial<FunnelLead> = {},
): FunnelLead[] {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, n) => ({
    externalId: `${prefix}-${n}`,
    createdAt: new Date(t0 + n * everyHours * 3_600_000).toISOString(),
    ...extra,
  }));
}

/** Fails on any NaN or infinite number anywhere in a value (JSON would turn them into null silently). */
export function findNonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => findNonFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => findNonFinite(v, `${path}.${k}`));
  }
  return [];
}

/**
 * The shares of the gap: each in [0, 1], adding up to 1 (±1e-9) whenever a row is short; the rows
 * ahead are the offset, and shortfall − offset = the gap.
 */
export function expectSharesOfTheGap(e: {
  gap: number;
  shortfall: number;
  offset: number;
  rows: { gap: number; shareOfGap: number | null }[];
  coveredBy: { surplus: number }[];
}) {
  const shares = e.rows.flatMap((r) => (r.shareOfGap === null ? [] : [r.shareOfGap]));
  for (const share of shares) {
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  }
  if (e.rows.some((r) => r.gap > 0)) {
    expect(Math.abs(shares.reduce((s, x) => s + x, 0) - 1)).toBeLessThanOrEqual(1e-9);
  } else expect(shares).toEqual([]);
  expect(e.shortfall).toBeGreaterThanOrEqual(0);
  expect(e.offset).toBeGreaterThanOrEqual(0);
  expect(closeTo(e.shortfall - e.offset, e.gap)).toBe(true);
  expect(
    closeTo(
      e.coveredBy.reduce((s, c) => s + c.surplus, 0),
      e.offset,
    ),
  ).toBe(true);
  for (const c of e.coveredBy) expect(c.surplus).toBeGreaterThan(0);
}

const closeTo = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
