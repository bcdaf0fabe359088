import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Database, DbHandle } from '../client';
import { migrationsFolder } from '../migrations-folder';
import * as schema from '../schema/index';

export async function openNodePg(url: string, runMigrations: boolean): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = drizzle({ client: pool, schema });
  if (runMigrations) await migrate(db, { migrationsFolder });
  return { db: db as unknown as Database, driver: 'postgres', close: () => pool.end() };
}
