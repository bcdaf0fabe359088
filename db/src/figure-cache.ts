import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from './client';

/*
 * Computed answers kept for the data versions they were computed under (docs/decisions/0011, 0026).
 * Every write to a table the figures read changes that table's version in its own transaction, so a
 * reader finds an answer only while it sees the very data that answer was computed from; an answer
 * names the tables it reads, so a write elsewhere (a touch, for the pacing) leaves it valid.
 */

/** The tables the figures read, each with its own version (the triggers of db/sql/data-version.sql). */
export const dataScopes = [
  'leads',
  'touches',
  'sources',
  'spend',
  'sales_cost',
  'targets',
  'settings',
  'pipeline_snapshot_weeks',
] as const;
export type DataScope = (typeof dataScopes)[number];

export interface CacheLookup {
  /** The key looked up. */
  key: string;
  /** The tables the answer depends on, as stored beside it. */
  scopes: string;
  /** The versions of those tables this reader sees, as one text (`leads=4 settings=1`). */
  version: string;
  /** The answer stored under the key for that version, if any. */
  body: string | null;
}

const scopesText = (scopes: readonly DataScope[]) => [...new Set(scopes)].sort().join(',');

/** The versions of the named tables (a comma-separated text expression), spelled as one text. */
const versionOf = (scopes: SQL) =>
  sql`(select string_agg(d.scope || '=' || d.version, ' ' order by d.scope) from data_versions d
    where d.scope = any(string_to_array(${scopes}, ',')))`;

/** The versions and the answer kept under `key` (a text expression), in one statement. */
async function lookUp(db: Database, key: SQL, scopes: readonly DataScope[]): Promise<CacheLookup> {
  const names = scopesText(scopes);
  const [found] = await selectRows<CacheLookup>(
    db,
    sql`select k.key, ${names}::text as scopes, v.version, c.body
      from (select ${versionOf(sql`${names}::text`)} as version) v cross join (select ${key} as key) k
      left join figure_cache c on c.key = k.key and c.version = v.version`,
  );
  if (!found?.version) throw new Error('data_versions has no rows: the migrations have not run');
  return found;
}

export function readCached(db: Database, key: string, scopes: readonly DataScope[]): Promise<CacheLookup> {
  return lookUp(db, sql`${key}::text`, scopes);
}

/**
 * The same for an answer that depends on the day: the key is `prefix` followed by today's date in the
 * company's time zone, read from the settings in the same statement (no round trip of its own).
 */
export function readCachedToday(
  db: Database,
  prefix: string,
  scopes: readonly DataScope[],
): Promise<CacheLookup> {
  return lookUp(
    db,
    sql`${prefix}::text || (select to_char((now() at time zone s.timezone)::date, 'YYYY-MM-DD')
      from settings s where s.id = 1)`,
    scopes,
  );
}

/**
 * Keeps `body` as the answer for the lookup's key under the versions read before computing it. The
 * computation may have spanned several statements on several connections: the answer is kept only if
 * those versions are still current, that is if no write to those tables committed meanwhile.
 */
export async function storeCached(db: Database, lookup: CacheLookup, body: string): Promise<void> {
  await db.execute(sql`
    insert into figure_cache as c (key, scopes, version, body)
    select ${lookup.key}, ${lookup.scopes}, ${lookup.version}, ${body}
    where ${versionOf(sql`${lookup.scopes}::text`)} = ${lookup.version}
    on conflict (key) do update
      set scopes = excluded.scopes, version = excluded.version, body = excluded.body, stored_at = now()`);
  // Answers whose tables have changed since can never be read again (the table holds a few hundred rows).
  await db.execute(sql`delete from figure_cache c where c.version <> ${versionOf(sql`c.scopes`)}`);
}

export interface Cached<T> {
  value: T;
  /** Whether the value came from the cache (else this call computed it). */
  hit: boolean;
}

/** The cached answer for `key`, or `compute()`'s, kept. The value must survive JSON unchanged. */
export async function cachedFigure<T>(
  db: Database,
  key: string,
  scopes: readonly DataScope[],
  compute: () => Promise<T>,
): Promise<Cached<T>> {
  const lookup = await readCached(db, key, scopes);
  if (lookup.body !== null) return { value: JSON.parse(lookup.body) as T, hit: true };
  const value = await compute();
  await storeCached(db, lookup, JSON.stringify(value));
  return { value, hit: false };
}
