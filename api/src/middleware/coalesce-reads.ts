import { createMiddleware } from 'hono/factory';

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
  const inFlight = new Map<string, Promise<Settled | null>>();
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const key = c.req.url;
    const leader = inFlight.get(key);
    if (leader) {
      const shared = await leader;
      if (shared) {
        c.res = new Response(shared.body.slice(0), { status: shared.status, headers: shared.headers });
        return;
      }
      return next();
    }
    let settle: (value: Settled | null) => void = () => {};
    inFlight.set(
      key,
      new Promise<Settled | null>((resolve) => {
        settle = resolve;
      }),
    );
    try {
      await next();
      const res = c.res;
      if (res.status !== 200 || res.headers.get('content-type')?.startsWith('application/json') !== true) {
        settle(null);
        return;
      }
      const body = await res.arrayBuffer();
      const headers = [...res.headers.entries()];
      settle({ status: res.status, headers, body });
      c.res = new Response(body.slice(0), { status: res.status, headers });
    } catch (error) {
      settle(null);
      throw error;
    } finally {
      inFlight.delete(key);
    }
  });
}
