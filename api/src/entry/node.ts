import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createDb } from '@salesready/db/client';
import type { MiddlewareHandler } from 'hono';
import { createApp } from '../app';
import { nodeSecretsKeys } from '../auth/local-secrets-key';
import { prepareEmbedded, recoverInterruptedImports } from '../bootstrap';
import { type AppDeps, demoAccount } from '../context';
import { mailSettings, parseEnv } from '../env';
import { jobServices } from '../jobs/kind';
import { type JobTimer, startJobTimer } from '../jobs/timer';
import { DatabaseRateLimitStore } from '../middleware/database-rate-limit-store';
import { isLoopbackName } from '../public-origin';
import { version } from '../version';

const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

function webMiddleware(): MiddlewareHandler {
  if (!existsSync(`${webDist}/index.html`)) {
    return async (c, next) => {
      if (c.req.path.startsWith('/api')) return next();
      return c.text('The web app is not built: run `pnpm build` (or `pnpm start`, which builds it).', 503);
    };
  }
  const assets = serveStatic({ root: webDist });
  // Every other path is a client-side route: answer with the app's page, read fresh after a rebuild.
  return async (c, next) => {
    if (c.req.path.startsWith('/api')) return next();
    if (c.req.path.startsWith('/assets/')) {
      // Vite's file names carry a content hash, so they never change under one name.
      c.header('cache-control', 'public, max-age=31536000, immutable');
    }
    const served = await assets(c, async () => {});
    return served ?? c.html(readFileSync(`${webDist}/index.html`, 'utf8'));
  };
}

/**
 * Under `pnpm start` the web app may still be building beside this first open of the database
 * (api/scripts/start.mjs): the server asks for it and listens once it is there.
 */
async function webBuilt(): Promise<void> {
  const send = process.send?.bind(process);
  if (process.env.SALESREADY_WEB_BUILD !== 'pending' || !send) return;
  await new Promise<void>((resolve) => {
    const answered = (message: unknown) => {
      if (message !== 'web-built') return;
      process.off('message', answered);
      resolve();
    };
    process.on('message', answered);
    send('web?');
  });
}

async function main(): Promise<void> {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const started = Date.now();
  const handle = await createDb(env.DATABASE_URL, {
    dataDir: env.DATA_DIR,
    driver: env.DB_DRIVER,
    migrate: true,
  });
  // The demo account's password is published: it may exist only where no one else can reach it.
  const demo = handle.driver === 'pglite' && !env.PUBLIC_URL && isLoopbackName(env.HOST);
  if (handle.driver === 'pglite' && env.SEED_DEMO === 'auto') {
    await prepareEmbedded(handle.db, (line) => console.log(line), { account: demo });
  }
  await recoverInterruptedImports(handle.db, (line) => console.log(line));
  await webBuilt();
  // The embedded database has one server by construction: its limits may count in memory. A server
  // database may have several servers in front of it, which must share the counts (docs/decisions/0005).
  const rateLimitStore =
    (env.RATE_LIMIT_STORE ?? (handle.driver === 'pglite' ? 'memory' : 'database')) === 'database'
      ? new DatabaseRateLimitStore(handle.db)
      : undefined;
  const secretsKeys = nodeSecretsKeys(
    env,
    handle.driver === 'pglite' && !env.PUBLIC_URL && isLoopbackName(env.HOST),
  );
  // Background jobs run on this server's own timer once it listens (docs/decisions/0020).
  let jobs: JobTimer | undefined;
  const deps: AppDeps = {
    db: handle.db,
    driver: handle.driver,
    version,
    demo,
    publicUrl: env.PUBLIC_URL,
    localUrl: `http://localhost:${env.PORT}`,
    rateLimitStore,
    cronSecret: env.CRON_SECRET,
    hubspotApiBase: env.HUBSPOT_API_BASE,
    mail: mailSettings(env),
    wakeJobs: () => jobs?.wake(),
    secretsKeys,
  };
  const app = createApp(deps, { web: webMiddleware() });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
    console.log(
      `SalesReady on http://${host}:${info.port} (${handle.driver}, ready in ${Date.now() - started} ms)`,
    );
    // Calling the runner directly; between two slices the dashboards' reads get the database.
    jobs = startJobTimer(handle.db, {
      pauseMs: 50,
      log: (line) => console.warn(line),
      services: jobServices(deps),
    });
    if (demo) console.log(`Demo account: ${demoAccount.email} / ${demoAccount.password}`);
    else if (!env.PUBLIC_URL) {
      console.log(
        'PUBLIC_URL is unset: only requests addressed to 127.0.0.1, localhost or [::1] are answered.',
      );
    }
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close();
    // A slice under way commits or rolls back before the database closes.
    void Promise.resolve(jobs?.stop())
      .then(() => handle.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`SalesReady could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
