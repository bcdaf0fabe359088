import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Database, DbHandle } from '../client';
import { migrationsFolder } from '../migrations-folder';
import * as schema from '../schema/index';
import { sessionSettings } from './session-settings';

export async function openNodePg(url: string, runMigrations: boolean): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (a restart, a failover) must not crash the process:
  // the pool replaces it, and the next query reports the outage as a 503.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  // A connection lost while checked out (mid-transaction) emits 'error' on its client, where the pool
  // listens no more: unheard, it would crash the process. The query in flight fails and answers 503.
  pool.on('connect', (client) => {
    client.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
    // Queued ahead of the first query the pool hands this connection; should it fail, the connection is
    // gone and that query says so.
    void client.query(sessionSettings).catch(() => undefined);
  });
  const db = drizzle({ client: pool, schema });
  if (runMigrations) await migrate(db, { migrationsFolder });
  return { db: db as unknown as Database, driver: 'postgres', close: () => pool.end() };
}
