import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One counter per table the figures read; every statement writing to it adds one in its own transaction, so
 * an answer computed under some counters holds for every snapshot showing them, and a write to a table it
 * does not read leaves it valid (docs/decisions/0011, 0026).
 */
export const dataVersions = pgTable('data_versions', {
  scope: text('scope').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/** Computed answers, each valid for the versions of the tables it read (`scopes`, comma-separated). */
export const figureCache = pgTable('figure_cache', {
  key: text('key').primaryKey(),
  scopes: text('scopes').notNull(),
  version: text('version').notNull(),
  body: text('body').notNull(),
  storedAt: timestamp('stored_at', { withTimezone: true }).notNull().defaultNow(),
});
