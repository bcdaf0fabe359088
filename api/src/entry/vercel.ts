import { createDb } from '@salesready/db/client';
import { createApp } from '../app';
import { parseEnv } from '../env';
import { DatabaseRateLimitStore } from '../middleware/database-rate-limit-store';
import { version } from '../version';

let app: ReturnType<typeof createApp> | undefined;

async function build(): Promise<ReturnType<typeof createApp>> {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required on a serverless platform');
  if (!env.PUBLIC_URL) throw new Error('PUBLIC_URL is required on a serverless platform');
  // Pools open lazily: the first query, not the cold start, pays for the connection.
  const handle = await createDb(env.DATABASE_URL, { driver: env.DB_DRIVER });
  return createApp({
    db: handle.db,
    driver: handle.driver,
    version,
    demo: false,
    publicUrl: env.PUBLIC_URL,
    // Instances come and go and do not share memory: limits count in the database.
    rateLimitStore: new DatabaseRateLimitStore(handle.db),
  });
}

// Vercel's Node runtime calls the default export with a web Request (a platform-required default export).
export default async function handler(request: Request): Promise<Response> {
  app ??= await build();
  return app.fetch(request);
}
