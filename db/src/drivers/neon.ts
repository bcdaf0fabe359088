import { neonConfig, Pool, type PoolClient } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { migrate } from 'drizzle-orm/neon-serverless/migrator';
import type { Database, DbHandle } from '../database';
import { migrationsFolder } from '../migrations-folder';
import * as schema from '../schema/index';
import { sessionSettings } from './session-settings';

// The WebSocket Pool (not the HTTP driver) because imports need interactive transactions.
export async function openNeon(url: string, runMigrations: boolean): Promise<DbHandle> {
  if (typeof WebSocket === 'undefined' && !neonConfig.webSocketConstructor) {
    const { default: ws } = await import('ws');
    neonConfig.webSocketConstructor = ws;
  }
  const pool = new Pool({ connectionString: url, max: 5 });
  pool.on('error', (error: Error) => console.warn(`database connection lost: ${error.message}`));
  // Queued ahead of the first query the pool hands each new connection; should it fail, the connection
  // is gone and that query says so.
  pool.on('connect', (client: PoolClient) => void client.query(sessionSettings).catch(() => undefined));
  const db = drizzle({ client: pool, schema });
  if (runMigrations) await migrate(db, { migrationsFolder });
  return { db: db as unknown as Database, driver: 'neon', close: () => pool.end() };
}
