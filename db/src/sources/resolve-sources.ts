import { sql } from 'drizzle-orm';
import { arrayLiteral } from '../array-literal';
import { type Database, selectRows } from '../client';
import { defined } from '../defined';
import { SourceError } from './source-error';
import { normaliseSourceName, sourceKey } from './source-key';
import { sourceMatchKey, synonymKeys } from './source-names';

/** How an imported name found its source: its very name, a remembered alias, its spelling or a synonym. */
export type SourceMatchKind = 'name' | 'alias' | 'spelling' | 'synonym';

export interface SourceMatch {
  sourceId: number;
  sourceName: string;
  how: SourceMatchKind;
}

interface KnownSources {
  byKey: Map<string, { id: number; name: string }>;
  byMatchKey: Map<string, { id: number; name: string }>;
  aliases: Map<string, { id: number; name: string }>;
}

/** The sources and aliases there are (tens of rows: the sources table is a short list, not data). */
async function knownSources(db: Database): Promise<KnownSources> {
  const [rows, aliases] = await Promise.all([
    selectRows<{ id: number; name: string; key: string }>(
      db,
      sql`select id, name, key from sources order by id`,
    ),
    selectRows<{ key: string; id: number; name: string }>(
      db,
      sql`select a.key, s.id, s.name from source_aliases a join sources s on s.id = a.source_id`,
    ),
  ]);
  const known: KnownSources = { byKey: new Map(), byMatchKey: new Map(), aliases: new Map() };
  for (const r of rows) {
    const source = { id: Number(r.id), name: r.name };
    known.byKey.set(r.key, source);
    // The oldest source of a spelling wins, so a later duplicate never captures the imports.
    const match = sourceMatchKey(r.name);
    if (!known.byMatchKey.has(match)) known.byMatchKey.set(match, source);
  }
  for (const a of aliases) known.aliases.set(a.key, { id: Number(a.id), name: a.name });
  return known;
}

function matchOne(known: KnownSources, name: string): SourceMatch | null {
  const found = (s: { id: number; name: string } | undefined, how: SourceMatchKind) =>
    s ? { sourceId: s.id, sourceName: s.name, how } : null;
  const match = sourceMatchKey(name);
  if (match === '') return null;
  // A remembered choice first (the wizard's or a merge's), then the very name, its spelling, a synonym.
  return (
    found(known.aliases.get(match), 'alias') ??
    found(known.byKey.get(sourceKey(name)), 'name') ??
    found(known.byMatchKey.get(match), 'spelling') ??
    synonymKeys(name)
      .map((k) => found(known.aliases.get(k) ?? known.byMatchKey.get(k), 'synonym'))
      .find((m) => m !== null) ??
    null
  );
}

/**
 * The existing source each raw name joins, by source key of the name; names that join none are
 * absent (they become new sources). Imports, the ingestion API and the wizard's confirmation step
 * all resolve through this one function.
 */
export async function resolveSourceNames(
  db: Database,
  names: Iterable<string>,
): Promise<Map<string, SourceMatch>> {
  const wanted = [...new Set([...names].map(normaliseSourceName).filter((n) => n !== ''))];
  const out = new Map<string, SourceMatch>();
  if (wanted.length === 0) return out;
  const known = await knownSources(db);
  for (const name of wanted) {
    const m = matchOne(known, name);
    if (m) out.set(sourceKey(name), m);
  }
  return out;
}

/**
 * The source id for each name, by source key: the existing source it joins (an alias, its spelling, a
 * synonym), else a new source of category 'other', to be recategorised in the settings. Imports, the
 * ingestion API, spend and the connectors all take their sources from here.
 */
export async function sourceIdsForNames(db: Database, names: Iterable<string>): Promise<Map<string, number>> {
  const wanted = new Map<string, string>();
  for (const raw of names) {
    const name = normaliseSourceName(raw);
    const key = sourceKey(name);
    if (key !== '' && !wanted.has(key)) wanted.set(key, name);
  }
  const ids = new Map<string, number>();
  if (wanted.size === 0) return ids;
  for (const [key, match] of await resolveSourceNames(db, wanted.values())) {
    ids.set(key, match.sourceId);
    wanted.delete(key);
  }
  if (wanted.size === 0) return ids;
  const keys = arrayLiteral([...wanted.keys()]);
  await db.execute(sql`
    insert into sources (name, key, category)
    select n, k, 'other' from unnest(${arrayLiteral([...wanted.values()])}::text[], ${keys}::text[]) as s(n, k)
    on conflict (key) do nothing`);
  const found = await selectRows<{ id: number; key: string }>(
    db,
    sql`select id, key from sources where key = any(${keys}::text[])`,
  );
  for (const row of found) ids.set(row.key, Number(row.id));
  return ids;
}

export interface AliasChoice {
  name: string;
  /** The source the name joins; null: a new source of that very name. */
  sourceId: number | null;
}

export interface RememberedAlias {
  name: string;
  sourceId: number;
  sourceName: string;
  /** A new source was made for the name. */
  created: boolean;
}

/**
 * Remembers the wizard's choices in one transaction: a name joining a source becomes an alias of it;
 * a name kept as a new source becomes that source (and loses any alias that would capture it).
 */
export async function rememberAliases(
  db: Database,
  choices: AliasChoice[],
  userId: number | null,
  alsoInTransaction?: (tx: Database, rows: RememberedAlias[]) => Promise<void>,
): Promise<RememberedAlias[]> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    const out: RememberedAlias[] = [];
    for (const [i, choice] of choices.entries()) {
      const name = normaliseSourceName(choice.name);
      const match = sourceMatchKey(name);
      if (choice.sourceId === null) {
        const inserted = await selectRows<{ id: number; name: string }>(
          tx,
          sql`insert into sources (name, key, category) values (${name}, ${sourceKey(name)}, 'other')
            on conflict (key) do nothing returning id, name`,
        );
        const [row] = inserted.length
          ? inserted
          : await selectRows<{ id: number; name: string }>(
              tx,
              sql`select id, name from sources where key = ${sourceKey(name)}`,
            );
        const source = defined(row);
        await tx.execute(sql`delete from source_aliases where key = ${match} and source_id <> ${source.id}`);
        out.push({
          name,
          sourceId: Number(source.id),
          sourceName: source.name,
          created: inserted.length > 0,
        });
        continue;
      }
      const [target] = await selectRows<{ id: number; name: string }>(
        tx,
        sql`select id, name from sources where id = ${choice.sourceId}`,
      );
      if (!target)
        throw new SourceError('missing', `no source has id ${choice.sourceId}`, `aliases.${i}.sourceId`);
      await tx.execute(sql`insert into source_aliases (key, name, source_id, created_by)
        values (${match}, ${name}, ${target.id}, ${userId})
        on conflict (key) do update set source_id = excluded.source_id, name = excluded.name,
          created_by = excluded.created_by, created_at = now()`);
      out.push({ name, sourceId: Number(target.id), sourceName: target.name, created: false });
    }
    await alsoInTransaction?.(tx, out);
    return out;
  });
}
