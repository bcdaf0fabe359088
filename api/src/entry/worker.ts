import type { ExecutionContext } from 'hono';
import { serverlessApp } from './serverless';

/** The bindings wrangler.toml and the dashboard give the Worker: plain-text vars and secrets. */
type WorkerEnv = Record<string, unknown>;

interface ScheduledController {
  scheduledTime: number;
  cron: string;
}

/**
 * A Worker may not reuse one request's sockets in another, so each request gets its own pool (no
 * connection is opened until its first query), ended once the response body has been sent.
 */
async function handle(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
  // The Neon driver is the only one a Worker can run (no TCP for node-postgres, no disk for PGlite).
  const { app, close } = await serverlessApp({ DB_DRIVER: 'neon', ...env });
  // The platform compresses responses itself and would compress the app's gzip a second time.
  const headers = new Headers(request.headers);
  headers.delete('accept-encoding');
  // The platform routes a request by its URL; the app's host check reads the Host header, which says the same.
  headers.set('host', new URL(request.url).host);
  let res: Response;
  try {
    res = await app.fetch(new Request(request, { headers }), env, ctx);
  } catch (error) {
    ctx.waitUntil(close());
    throw error;
  }
  if (!res.body) {
    ctx.waitUntil(close());
    return res;
  }
  const { readable, writable } = new TransformStream();
  ctx.waitUntil(res.body.pipeTo(writable).finally(close));
  return new Response(readable, res);
}

export default {
  fetch: handle,

  // A Cron Trigger runs the due background jobs through the same route the other platforms' crons call.
  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const secret = typeof env.CRON_SECRET === 'string' ? env.CRON_SECRET : '';
    // Addressed to the public origin: the only host the app answers.
    const origin = typeof env.PUBLIC_URL === 'string' ? env.PUBLIC_URL : 'https://worker.internal';
    const tick = new Request(new URL('/api/jobs/tick', origin), {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cron: controller.cron, scheduledTime: controller.scheduledTime }),
    });
    const res = await handle(tick, env, ctx);
    await res.body?.cancel();
    if (!res.ok) console.warn(`scheduled tick (${controller.cron}) answered ${res.status}`);
  },
};
