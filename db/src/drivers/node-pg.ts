import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Database, DbHandle } from '../database';
import { migrationsFolder } from '../migrations-folder';
import * as schema from '../schema/index';
import { sessionOptions } from './session-settings';

export async function openNodePg(url: string, runMigrations: boolean): Promise<DbHandle> {
  // Settings as a startup parameter: in force before the first query, at no extra round trip.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: sessionOptions });
  // An idle connection dropped by the server (a restart, a failover) must not crash the process:
  // the pool replaces it, and the next query reports the outage as a 503.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  // A connection lost while checked out (mid-transaction) emits 'error' on its client, where the pool
  // listens no more: unheard, it would crash the process. The query in flight fails and answers 503.
  pool.on('connect', (client) => {
    client.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
  });
  const db = drizzle({ client: pool, schema });
  if (runMigrations) await migrate(db, { migrationsFolder });
  return { db: db as unknown as Database, driver: 'postgres', close: () => pool.end() };
}
