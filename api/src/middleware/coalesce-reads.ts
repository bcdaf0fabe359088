import { createMiddleware } from 'hono/factory';
import { sharedInFlight } from '../in-flight';

interface Settled {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

/**
 * Identical reads in flight at the same time share one computation. A dashboard opened by many people at
 * once (the Monday meeting) asks the same figures again and again; each figure costs the database a few
 * grouped statements, so the second to the fiftieth request of one URL wait for the first instead of
 * repeating it. Nothing is kept after the first answer: a request arriving after it computes afresh, so
 * no figure is older than the request that reads it by more than one computation.
 *
 * Only for reads whose answer depends on the URL alone, after authentication (each caller has already
 * proved it may read). Successful answers are shared; a caller behind a failed one computes its own, so
 * every error carries the caller's own request id.
 */
export function coalesceReads() {
  const share = sharedInFlight<Settled | null>();
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET') return next();
    let leading = false;
    const shared = await share(c.req.url, async () => {
      leading = true;
      await next();
      const res = c.res;
      if (res.status !== 200 || res.headers.get('content-type')?.startsWith('application/json') !== true)
        return null;
      const body = await res.arrayBuffer();
      const headers = [...res.headers.entries()];
      c.res = new Response(body.slice(0), { status: res.status, headers });
      return { status: res.status, headers, body };
    }).catch((error: unknown) => {
      // The leader's own error is its own to answer; a follower computes for itself.
      if (leading) throw error;
      return null;
    });
    if (leading) return;
    if (!shared) return next();
    c.res = new Response(shared.body.slice(0), { status: shared.status, headers: shared.headers });
  });
}
