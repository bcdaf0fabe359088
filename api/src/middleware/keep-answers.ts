import { readCachedToday, storeCached } from '@salesready/db/figure-cache';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { version as release } from '../version';

/** Says whether an answer came from the figure cache (`hit`) or was computed for this request (`miss`). */
export const figureCacheHeader = 'x-figure-cache';

/**
 * Keeps a route's JSON answer for the data version it was computed under (docs/decisions/0011): the
 * next request for the same URL, on the same local day, gets it back until any write changes the data.
 *
 * Only for routes whose answer depends on the URL, the settings, the data and today's date in the
 * company's time zone alone: not on the caller, and not on the time of day (the hand-off's waiting
 * hours and the cohorts' `asOf` do). Settings are data too: changing them changes the version. Keys
 * carry the release, so a release that changes an answer's shape never reads the previous one's.
 */
export function keepAnswers() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { db } = c.var.deps;
    const url = new URL(c.req.url);
    const { key, version, body } = await readCachedToday(db, `${release}|${url.pathname}${url.search}|`);
    if (body !== null) {
      c.res = new Response(body, {
        status: 200,
        headers: { 'content-type': 'application/json', [figureCacheHeader]: 'hit' },
      });
      return;
    }
    await next();
    if (c.res.status !== 200 || c.res.headers.get('content-type')?.startsWith('application/json') !== true)
      return;
    const answer = await c.res.text();
    await storeCached(db, key, version, answer);
    const headers = new Headers(c.res.headers);
    headers.set(figureCacheHeader, 'miss');
    c.res = new Response(answer, { status: 200, headers });
  });
}
