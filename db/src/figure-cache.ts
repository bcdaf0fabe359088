import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from './client';

/*
 * Computed answers kept for the data version they were computed under (docs/decisions/0011). Every
 * write to what the figures read changes the version in its own transaction, so a reader finds an answer
 * only while it sees the very data that answer was computed from.
 */

export interface CacheLookup {
  /** The key looked up. */
  key: string;
  /** The data version this reader sees (text: bigint is a string on some drivers, a number on others). */
  version: string;
  /** The answer stored under the key for that version, if any. */
  body: string | null;
}

/** The version and the answer kept under `key` (a text expression), in one statement. */
async function lookUp(db: Database, key: SQL): Promise<CacheLookup> {
  const [found] = await selectRows<CacheLookup>(
    db,
    sql`select k.key, v.version::text as version, c.body
      from data_version v cross join (select ${key} as key) k
      left join figure_cache c on c.key = k.key and c.version = v.version
      where v.id = 1`,
  );
  if (!found) throw new Error('data_version has no row: the migrations have not run');
  return found;
}

export function readCached(db: Database, key: string): Promise<CacheLookup> {
  return lookUp(db, sql`${key}::text`);
}

/**
 * The same for an answer that depends on the day: the key is `prefix` followed by today's date in the
 * company's time zone, read from the settings in the same statement (no round trip of its own).
 */
export function readCachedToday(db: Database, prefix: string): Promise<CacheLookup> {
  return lookUp(
    db,
    sql`${prefix}::text || (select to_char((now() at time zone s.timezone)::date, 'YYYY-MM-DD')
      from settings s where s.id = 1)`,
  );
}

/**
 * Keeps `body` as the answer for `key` under `version`, the version read before computing it. The
 * computation may have spanned several statements on several connections: the answer is kept only if the
 * version is still that one, that is if no write committed meanwhile.
 */
export async function storeCached(db: Database, key: string, version: string, body: string): Promise<void> {
  await db.execute(sql`
    insert into figure_cache as c (key, version, body)
    select ${key}, ${version}::bigint, ${body}
    where exists (select 1 from data_version v where v.id = 1 and v.version = ${version}::bigint)
    on conflict (key) do update set version = excluded.version, body = excluded.body, stored_at = now()
      where c.version <= excluded.version`);
  // Answers of older versions can never be read again.
  await db.execute(sql`delete from figure_cache where version < ${version}::bigint`);
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
  compute: () => Promise<T>,
): Promise<Cached<T>> {
  const { version, body } = await readCached(db, key);
  if (body !== null) return { value: JSON.parse(body) as T, hit: true };
  const value = await compute();
  await storeCached(db, key, version, JSON.stringify(value));
  return { value, hit: false };
}
