import { createDb } from '@salesready/db/client';
import { parseEnv } from '../env';

// Applies the committed migrations to DATABASE_URL (deploys run this once; the Node server does it on start).
async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const handle = await createDb(env.DATABASE_URL, {
    dataDir: env.DATA_DIR,
    driver: env.DB_DRIVER,
    migrate: true,
  });
  await handle.close();
  console.log(`Migrations applied (${handle.driver}).`);
}

main().catch((error: unknown) => {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
