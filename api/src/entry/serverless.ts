import { neonConfig } from '@neondatabase/serverless';
import { createDb } from '@salesready/db/client';
import { z } from 'zod';
import { createApp } from '../app';
import { mailSettings, parseEnv } from '../env';
import { DatabaseRateLimitStore } from '../middleware/database-rate-limit-store';
import { version } from '../version';

export type ServerlessApp = ReturnType<typeof createApp>;

const serverlessEnv = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://'),
  // No loopback on a platform: the public origin is the one Host answered (docs/decisions/0016).
  PUBLIC_URL: z.string({
    error:
      'required on a serverless platform: the origin users reach the app at, e.g. https://pipeline.example.com',
  }),
  // Local development and tests: the Neon driver reaches a plain PostgreSQL server through a
  // WebSocket-to-TCP proxy at this host:port (as Neon's own local proxy is used).
  NEON_LOCAL_PROXY: z
    .string()
    .regex(/^[^/:]+:\d+$/, 'must be host:port')
    .optional(),
});

export interface OpenedApp {
  app: ServerlessApp;
  /** Ends the database pool. */
  close: () => Promise<void>;
}

/**
 * Builds the app for a platform that starts instances on demand: the database comes from the
 * environment (never the embedded one), pools open on the first query, limits count in the database.
 */
export async function serverlessApp(source: Record<string, unknown>): Promise<OpenedApp> {
  const strings = Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const env = parseEnv(strings);
  const parsed = serverlessEnv.safeParse(strings);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment for a serverless platform:\n${lines.join('\n')}`);
  }
  const proxy = parsed.data.NEON_LOCAL_PROXY;
  if (proxy) {
    neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    // A plain server's trust and SCRAM handshakes break when the startup is pipelined.
    neonConfig.pipelineConnect = false;
  }
  const handle = await createDb(parsed.data.DATABASE_URL, { driver: env.DB_DRIVER });
  const app = createApp({
    db: handle.db,
    driver: handle.driver,
    version,
    demo: false,
    publicUrl: env.PUBLIC_URL,
    secretsKeys: { current: env.SECRETS_KEY, previous: env.SECRETS_KEY_PREVIOUS },
    // Instances come and go and do not share memory: limits count in the database.
    rateLimitStore: new DatabaseRateLimitStore(handle.db),
    // The platform's cron calls POST /api/jobs/tick with it (docs/decisions/0020).
    cronSecret: env.CRON_SECRET,
    hubspotApiBase: env.HUBSPOT_API_BASE,
    mail: mailSettings(env),
  });
  return { app, close: handle.close };
}

/** One app per instance, built on its first request; a failed build is retried on the next one. */
export function lazyApp(build: () => Promise<OpenedApp>): () => Promise<ServerlessApp> {
  let pending: Promise<ServerlessApp> | undefined;
  return () => {
    pending ??= build().then(
      (opened) => opened.app,
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}
