import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import {
  type CacheLookup,
  type DataScope,
  dataScopes,
  readCached,
  readCachedToday,
  storeCached,
} from '@salesready/db/figure-cache';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { version as release } from '../version';

/*
 * When an answer is reused, in one rule (docs/decisions/0007 and 0011):
 *   1. Identical requests in flight at the same time share one computation: the second to the fiftieth
 *      wait for the first. A failed computation is not shared: each caller behind it computes its own.
 *   2. An answer that depends only on its key, the data and today's local date is also kept: the next
 *      request with the same key gets it back for as long as the versions of the tables it reads are the
 *      ones its reader sees (every write changes its table's version), on the same local day. Keys carry
 *      the release, so a release that changes an answer's shape never reads the previous one's.
 * Answers that depend on the time of day or on the caller (waiting hours, `asOf: now`) take rule 1 only.
 */

/**
 * What the lead figures read: the leads, their touches (the facts and the influence kept from them), the
 * sources they are grouped by and the settings (time zone, fiscal year, influence window). Not the spend,
 * the targets or the weekly snapshots: an answer reading those names them too.
 */
export const leadFigureReads: readonly DataScope[] = ['leads', 'touches', 'sources', 'settings'];

/** Says whether an answer came from the kept answers (`hit`) or was computed for this request (`miss`). */
export const figureCacheHeader = 'x-figure-cache';

/** Calls with the same key that overlap in time share the first one's promise; nothing is kept once it settles. */
export function sharedInFlight<T>(): (key: string, compute: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, compute) => {
    const leader = running.get(key);
    if (leader) return leader;
    const computation = compute().finally(() => running.delete(key));
    running.set(key, computation);
    return computation;
  };
}

/**
 * The kept body under `lookup`'s key, or `compute()`'s, kept for the version read before computing it
 * (null: an answer not to keep, such as an error).
 */
async function keptBody(
  db: Database,
  lookup: Promise<CacheLookup>,
  compute: () => Promise<string | null>,
): Promise<{ body: string; hit: boolean } | null> {
  const found = await lookup;
  if (found.body !== null) return { body: found.body, hit: true };
  const computed = await compute();
  if (computed === null) return null;
  await storeCached(db, found, computed);
  return { body: computed, hit: false };
}

const valuesInFlight = new WeakMap<Database, ReturnType<typeof sharedInFlight<unknown>>>();

/**
 * A value computed under rules 1 and 2 (it must survive JSON unchanged); `key` names all it depends on
 * besides the tables in `reads`.
 */
export function keptValue<T>(
  db: Database,
  key: string,
  reads: readonly DataScope[],
  compute: () => Promise<T>,
): Promise<T> {
  let share = valuesInFlight.get(db);
  if (!share) {
    share = sharedInFlight<unknown>();
    valuesInFlight.set(db, share);
  }
  const fullKey = `${release}|${key}`;
  return share(fullKey, async () => {
    const kept = await keptBody(db, readCached(db, fullKey, reads), async () =>
      JSON.stringify(await compute()),
    );
    return JSON.parse(defined(kept).body) as T;
  }) as Promise<T>;
}

interface Settled {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * A route's JSON answers under the rule above, keyed by its URL: shared while in flight, and kept (rule 2)
 * unless `keep` is false, for as long as the tables in `reads` (every table, unless named) are unchanged.
 * Place it after the route's validation, so only valid requests are shared.
 */
export function answers({
  keep = true,
  reads = dataScopes,
}: {
  keep?: boolean;
  reads?: readonly DataScope[];
} = {}) {
  const share = sharedInFlight<Settled | null>();
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const url = new URL(c.req.url);
    let leading = false;
    const compute = async (): Promise<string | null> => {
      await next();
      const res = c.res;
      if (res.status !== 200 || res.headers.get('content-type')?.startsWith('application/json') !== true)
        return null;
      return res.text();
    };
    const shared = await share(url.pathname + url.search, async () => {
      leading = true;
      const headers = (body: string, hit: boolean | null): Settled => ({
        status: 200,
        headers: [
          ['content-type', 'application/json'],
          ...(hit === null ? [] : [[figureCacheHeader, hit ? 'hit' : 'miss'] as [string, string]]),
        ],
        body,
      });
      if (!keep) {
        const body = await compute();
        return body === null ? null : headers(body, null);
      }
      const lookup = readCachedToday(c.var.deps.db, `${release}|${url.pathname}${url.search}|`, reads);
      const kept = await keptBody(c.var.deps.db, lookup, compute);
      return kept === null ? null : headers(kept.body, kept.hit);
    }).catch((error: unknown) => {
      // The leader's own error is its own to answer; a follower computes for itself.
      if (leading) throw error;
      return null;
    });
    if (!shared) {
      // The leader's failed answer is already in c.res; a follower behind it computes its own.
      if (!leading) await next();
      return;
    }
    c.res = new Response(shared.body, { status: shared.status, headers: shared.headers });
  });
}
