import { parseEnv } from '../env';
import { openEnvDb } from './env-db';

// Applies the committed migrations to DATABASE_URL (deploys run this once; the Node server does it on start).
async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const handle = await openEnvDb(env);
  await handle.close();
  console.log(`Migrations applied (${handle.driver}).`);
}

main().catch((error: unknown) => {
  console.error(`migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
