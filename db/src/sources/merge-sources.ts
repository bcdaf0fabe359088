import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { SourceError } from './source-error';
import { sourceMatchKey } from './source-names';

export interface MergedSources {
  from: { id: number; name: string };
  into: { id: number; name: string };
  /** What moved: leads, spend months, targets and the touches whose channel named the source. */
  moved: { leads: number; spendMonths: number; targets: number; touches: number; aliases: number };
}

const count = (rows: { n: number | string }[]) => Number(rows[0]?.n ?? 0);

/**
 * Merges one source into another in one transaction: leads, spend and targets move (summed where both have
 * them), touches and aliases follow, its name becomes an alias; the rollups follow by trigger, so every
 * figure is as if recorded under the other from the start. `alsoInTransaction`: the audit entry.
 */
export async function mergeSources(
  db: Database,
  fromId: number,
  intoId: number,
  alsoInTransaction?: (tx: Database, merged: MergedSources) => Promise<void>,
): Promise<MergedSources> {
  if (fromId === intoId) throw new SourceError('same', 'a source cannot be merged into itself', 'into');
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    // Locked in id order, so two merges of the same pair wait for each other rather than deadlock.
    const found = await selectRows<{ id: number; name: string; key: string }>(
      tx,
      sql`select id, name, key from sources where id in (${fromId}, ${intoId}) order by id for update`,
    );
    const from = found.find((s) => Number(s.id) === fromId);
    const into = found.find((s) => Number(s.id) === intoId);
    if (!from) throw new SourceError('missing', `no source has id ${fromId}`, 'id');
    if (!into) throw new SourceError('missing', `no source has id ${intoId}`, 'into');

    const spendMonths = count(
      await selectRows<{ n: number }>(
        tx,
        sql`with moved as (
          insert into spend (source_id, month, campaign, amount)
          select ${intoId}, month, campaign, amount from spend where source_id = ${fromId}
          on conflict (source_id, month, campaign) do update set amount = spend.amount + excluded.amount
          returning month)
        select count(distinct month)::int as n from moved`,
      ),
    );
    await tx.execute(sql`delete from spend where source_id = ${fromId}`);
    const targets = count(
      await selectRows<{ n: number }>(
        tx,
        sql`with moved as (
          insert into targets (quarter, metric, source_id, value)
          select quarter, metric, ${intoId}, value from targets where source_id = ${fromId}
          on conflict on constraint targets_quarter_metric_source_key
          do update set value = targets.value + excluded.value
          returning 1)
        select count(*)::int as n from moved`,
      ),
    );
    await tx.execute(sql`delete from targets where source_id = ${fromId}`);
    const leads = count(
      await selectRows<{ n: number }>(
        tx,
        sql`with moved as (update leads set source_id = ${intoId}, updated_at = now()
          where source_id = ${fromId} returning 1)
        select count(*)::int as n from moved`,
      ),
    );
    // A touch's channel names a source by key (the attribution reads it so): name the other one.
    const touches = count(
      await selectRows<{ n: number }>(
        tx,
        sql`with moved as (update touches set channel = ${into.name}
          where lower(btrim(channel, ' ' || chr(9) || chr(10) || chr(13))) = ${from.key} returning 1)
        select count(*)::int as n from moved`,
      ),
    );
    const aliases = count(
      await selectRows<{ n: number }>(
        tx,
        sql`with moved as (update source_aliases set source_id = ${intoId} where source_id = ${fromId} returning 1)
        select count(*)::int as n from moved`,
      ),
    );
    // Future imports naming the merged source follow it.
    await tx.execute(sql`insert into source_aliases (key, name, source_id)
      values (${sourceMatchKey(from.name)}, ${from.name}, ${intoId})
      on conflict (key) do update set source_id = excluded.source_id`);
    await tx.execute(sql`delete from sources where id = ${fromId}`);
    const merged: MergedSources = {
      from: { id: fromId, name: from.name },
      into: { id: intoId, name: into.name },
      moved: { leads, spendMonths, targets, touches, aliases },
    };
    await alsoInTransaction?.(tx, merged);
    return merged;
  });
}
