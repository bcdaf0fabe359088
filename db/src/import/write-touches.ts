import { sql } from 'drizzle-orm';
import { arrayLiteral } from '../array-literal';
import { type Database, selectRows } from '../client';
import type { TouchActor } from '../schema/touches';
import { resolveSourceNames } from '../sources/resolve-sources';
import { sourceKey } from '../sources/source-key';

export interface TouchWrite {
  externalId: string;
  leadExternalId: string;
  occurredAt: Date;
  kind: string;
  channel: string | null;
  actor: TouchActor;
  originSystem: string;
}

export interface TouchWriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Items whose lead is not stored (by the lead's origin system and external id); nothing is written for them. */
  unknownLeads: { index: number; leadExternalId: string }[];
}

/**
 * Upserts touches by (origin system, external id) in one transaction. A touch's lead is found by
 * the same origin system and its lead external id. Sending the same touches again changes nothing.
 * A channel that names a source by another spelling, a synonym or a remembered alias (a merged
 * source's old name) is stored as that source's name, which is how the attribution joins it.
 */
export async function writeTouches(db: Database, input: TouchWrite[]): Promise<TouchWriteResult> {
  const result: TouchWriteResult = { inserted: 0, updated: 0, unchanged: 0, unknownLeads: [] };
  await db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    const channels = await resolveSourceNames(
      tx,
      input.flatMap((t) => (t.channel === null ? [] : [t.channel])),
    );
    const items = input.map((t) => {
      const source = t.channel === null ? undefined : channels.get(sourceKey(t.channel));
      return source ? { ...t, channel: source.sourceName } : t;
    });
    const leadIds = new Map<string, number>();
    const byOrigin = new Map<string, Set<string>>();
    for (const t of items) {
      const set = byOrigin.get(t.originSystem);
      if (set) set.add(t.leadExternalId);
      else byOrigin.set(t.originSystem, new Set([t.leadExternalId]));
    }
    for (const [origin, ids] of byOrigin) {
      const rows = await selectRows<{ id: number; external_id: string }>(
        tx,
        sql`select id, external_id from leads where origin_system = ${origin}
          and external_id = any(${arrayLiteral([...ids])}::text[])`,
      );
      for (const r of rows) leadIds.set(`${origin}\u0000${r.external_id}`, Number(r.id));
    }
    // The n-th item with an id goes in round n, so no statement touches one row twice (the last wins).
    const rounds: { item: TouchWrite; leadId: number }[][] = [];
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      const leadId = leadIds.get(`${item.originSystem}\u0000${item.leadExternalId}`);
      if (leadId === undefined) {
        result.unknownLeads.push({ index, leadExternalId: item.leadExternalId });
        return;
      }
      const key = `${item.originSystem}\u0000${item.externalId}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      if (!rounds[n]) rounds[n] = [];
      rounds[n].push({ item, leadId });
    });
    for (const round of rounds) {
      const col = (f: (r: { item: TouchWrite; leadId: number }) => string | null) =>
        arrayLiteral(round.map(f));
      const rows = await selectRows<{ inserted: boolean }>(
        tx,
        sql`
        insert into touches as t (origin_system, external_id, lead_id, occurred_at, kind, channel, actor)
        select * from unnest(
          ${col((r) => r.item.originSystem)}::text[], ${col((r) => r.item.externalId)}::text[],
          ${col((r) => String(r.leadId))}::int8[], ${col((r) => r.item.occurredAt.toISOString())}::timestamptz[],
          ${col((r) => r.item.kind)}::text[], ${col((r) => r.item.channel)}::text[], ${col((r) => r.item.actor)}::text[])
        on conflict (origin_system, external_id) do update set
          lead_id = excluded.lead_id, occurred_at = excluded.occurred_at, kind = excluded.kind,
          channel = excluded.channel, actor = excluded.actor
        where (t.lead_id, t.occurred_at, t.kind, t.channel, t.actor)
          is distinct from (excluded.lead_id, excluded.occurred_at, excluded.kind, excluded.channel, excluded.actor)
        returning (t.xmax = 0) as inserted`,
      );
      for (const r of rows) {
        if (r.inserted) result.inserted++;
        else result.updated++;
      }
      result.unchanged += round.length - rows.length;
    }
  });
  return result;
}
