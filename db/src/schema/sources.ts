import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const sourceCategories = ['marketing', 'sales', 'partner', 'other'] as const;
export type SourceCategory = (typeof sourceCategories)[number];

export const sources = pgTable(
  'sources',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    // Case and whitespace variants of one source ("Google", " google ") share a key and so one row.
    key: text('key').notNull(),
    category: text('category').$type<SourceCategory>().notNull().default('other'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sources_key_idx').on(t.key),
    check('sources_category_check', sql`${t.category} in ('marketing', 'sales', 'partner', 'other')`),
  ],
);
