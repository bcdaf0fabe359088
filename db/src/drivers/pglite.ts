import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Database, DbHandle } from '../database';
import { migrationsFolder } from '../migrations-folder';
import * as schema from '../schema/index';

export async function openPglite(dataDir: string): Promise<DbHandle> {
  let client: PGlite;
  try {
    if (dataDir !== 'memory://') mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir === 'memory://' ? undefined : dataDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the embedded database in "${dataDir}": ${reason}`);
  }
  return wrapPglite(client, true);
}

/** Wraps an open PGlite (tests clone a migrated template into one). */
export async function wrapPglite(client: PGlite, runMigrations: boolean): Promise<DbHandle> {
  const db = drizzle({ client, schema });
  if (runMigrations) await migrate(db, { migrationsFolder });
  return { db: db as unknown as Database, driver: 'pglite', close: () => client.close() };
}
