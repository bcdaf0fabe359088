import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sources } from './sources';
import { users } from './users';

/**
 * Raw source names that join an existing source: remembered from the import wizard's confirmation
 * step and from merges, so the next import follows them. Keyed by the name's match key
 * (db/src/sources/source-names.ts: case, spacing, underscores and hyphens ignored).
 */
export const sourceAliases = pgTable('source_aliases', {
  key: text('key').primaryKey(),
  /** The name as it was first seen, for the settings page. */
  name: text('name').notNull(),
  sourceId: integer('source_id')
    .notNull()
    .references(() => sources.id, { onDelete: 'cascade' }),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
