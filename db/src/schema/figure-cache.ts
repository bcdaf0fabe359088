import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One counter for everything the figures read (leads, touches, sources, spend, targets, settings):
 * every statement writing to those tables adds one to it, in its own transaction, so a figure computed
 * under one version is the figure of every snapshot showing that version (docs/decisions/0011).
 */
export const dataVersion = pgTable(
  'data_version',
  {
    id: smallint('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('data_version_single_row', sql`${t.id} = 1`)],
);

/** Computed answers, each valid for the one data version it was computed under. */
export const figureCache = pgTable('figure_cache', {
  key: text('key').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  body: text('body').notNull(),
  storedAt: timestamp('stored_at', { withTimezone: true }).notNull().defaultNow(),
});
