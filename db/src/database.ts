import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index';

/** The one database type every query takes, whichever of the three drivers is under it. */
export type DriverName = 'pglite' | 'postgres' | 'neon';
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Database;
  driver: DriverName;
  close: () => Promise<void>;
}
