import type { ExecutionContext } from 'hono';
import { lazyApp, type ServerlessApp, serverlessApp } from './serverless';

/** The bindings wrangler.toml and the dashboard give the Worker: plain-text vars and secrets. */
type WorkerEnv = Record<string, unknown>;

interface ScheduledController {
  scheduledTime: number;
  cron: string;
}

// Workers hand the environment to each call, not to the module: the app is built on the first one.
let app: (() => Promise<ServerlessApp>) | undefined;
const appFor = (env: WorkerEnv) => {
  // The Neon driver is the only one a Worker can run (no TCP sockets for node-postgres, no disk for PGlite).
  app ??= lazyApp(() => serverlessApp({ DB_DRIVER: 'neon', ...env }));
  return app();
};

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    return (await appFor(env)).fetch(request, env, ctx);
  },

  // A Cron Trigger runs the due background jobs through the same route the other platforms' crons call.
  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const secret = typeof env.CRON_SECRET === 'string' ? env.CRON_SECRET : '';
    const tick = new Request('https://worker.internal/api/jobs/tick', {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'x-cron': controller.cron },
    });
    const res = await (await appFor(env)).fetch(tick, env, ctx);
    if (!res.ok) console.warn(`scheduled tick (${controller.cron}) answered ${res.status}`);
  },
};
