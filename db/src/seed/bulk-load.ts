import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';

/**
 * The rollup triggers of the tables the seed fills row by the hundred thousand. While it writes they
 * are off, and one rebuild from the raw rows (what the rollup-equality suites compare the triggers
 * with) fills the rollups at the end: the same rows, without folding 50 batches into them one by one.
 */
const rollupTriggers = [
  ['leads', 'rollups_leads_insert'],
  ['leads', 'rollup_transitions_leads_insert'],
  ['touches', 'rollups_touches_insert'],
] as const;

interface Rebuildable {
  table: string;
  name: string;
  /** The statement that makes it again, as the server prints it. */
  definition: string;
}

/**
 * Loads empty tables like a restore (docs/decisions/0024): rollup triggers off, secondary indexes and foreign
 * keys dropped, `load`, then indexes built and keys checked once, triggers on, rollups rebuilt, all in the
 * caller's transaction, which holds the tables exclusively: others see none of it; a failure undoes it.
 */
export async function bulkLoad<T>(
  tx: Database,
  tables: readonly string[],
  load: () => Promise<T>,
  report: (phase: string) => void = () => {},
): Promise<T> {
  const names = sql.join(
    tables.map((t) => sql`${t}::regclass`),
    sql`, `,
  );
  // Indexes that back a constraint (the primary keys) stay: ids are handed out through them.
  const indexes = await selectRows<Rebuildable>(
    tx,
    sql`select i.indrelid::regclass::text as table, c.relname as name, pg_get_indexdef(i.indexrelid) as definition
      from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid in (${names}) and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
      order by c.relname`,
  );
  const foreignKeys = await selectRows<Rebuildable>(
    tx,
    sql`select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
      from pg_constraint where conrelid in (${names}) and contype = 'f' order by conname`,
  );
  const triggers = rollupTriggers.filter(([table]) => tables.includes(table));
  for (const [table, trigger] of triggers)
    await tx.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  for (const fk of foreignKeys)
    await tx.execute(sql.raw(`alter table ${fk.table} drop constraint ${quote(fk.name)}`));
  for (const index of indexes) await tx.execute(sql.raw(`drop index ${quote(index.name)}`));

  const result = await load();

  report('indexes');
  // Room to sort and hash in memory: the index builds and the rebuild's groupings spill to disk
  // at the defaults (64 MB and 4 MB). For this transaction only.
  await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
  await tx.execute(sql`set local work_mem = '64MB'`);
  for (const index of indexes) await tx.execute(sql.raw(index.definition));
  for (const fk of foreignKeys)
    await tx.execute(sql.raw(`alter table ${fk.table} add constraint ${quote(fk.name)} ${fk.definition}`));
  for (const [table, trigger] of triggers)
    await tx.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
  report('rollups');
  // Planner statistics first: the rebuild joins the touches to the leads.
  for (const table of tables) await tx.execute(sql.raw(`analyze ${table}`));
  await tx.execute(sql`select rollups_rebuild()`);
  await tx.execute(sql`select rollup_transitions_rebuild()`);
  return result;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
