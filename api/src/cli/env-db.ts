import { createDb, type DbHandle } from '@salesready/db/client';
import type { Env } from '../env';

/** The database the environment names (`DATABASE_URL`, else the embedded one in `DATA_DIR`), migrated. */
export function openEnvDb(env: Env): Promise<DbHandle> {
  return createDb(env.DATABASE_URL, { dataDir: env.DATA_DIR, driver: env.DB_DRIVER, migrate: true });
}
