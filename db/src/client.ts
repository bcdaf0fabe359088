import type { SQL } from 'drizzle-orm';
import type { Database, DbHandle, DriverName } from './database';

export type { Database, DbHandle, DriverName } from './database';

export interface DbOptions {
  /** Folder for the embedded database when no URL is given. */
  dataDir?: string;
  /** Force a driver; `neon` lets a plain postgres:// URL go through the Neon driver. */
  driver?: DriverName;
  /** Apply migrations on open (always on for the embedded database). */
  migrate?: boolean;
}

export function pickDriver(url: string | undefined, forced?: DriverName): DriverName {
  if (forced) return forced;
  if (!url || url.startsWith('file:')) return 'pglite';
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      `DATABASE_URL must start with postgres:// or postgresql:// (or file: for the embedded database)`,
    );
  }
  return new URL(url).hostname.endsWith('.neon.tech') ? 'neon' : 'postgres';
}

/**
 * Opens the database a URL names. Each driver is loaded on demand so a serverless
 * bundle that talks to Neon never loads PGlite's WASM.
 */
export async function createDb(url: string | undefined, options: DbOptions = {}): Promise<DbHandle> {
  const driver = pickDriver(url, options.driver);
  if (driver === 'pglite') {
    const { openPglite } = await import('./drivers/pglite');
    const dataDir = url?.startsWith('file:') ? url.slice('file:'.length) : (options.dataDir ?? './.data');
    return openPglite(dataDir);
  }
  if (!url) throw new Error(`the ${driver} driver needs a DATABASE_URL`);
  if (driver === 'neon') {
    const { openNeon } = await import('./drivers/neon');
    return openNeon(url, options.migrate ?? false);
  }
  const { openNodePg } = await import('./drivers/node-pg');
  return openNodePg(url, options.migrate ?? false);
}

/** Runs a raw aggregate query and returns its rows, whichever driver is behind `db`. */
export async function selectRows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
