import { date, integer, numeric, pgTable, uniqueIndex } from 'drizzle-orm/pg-core';
import { sources } from './sources';

export const spend = pgTable(
  'spend',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    // First day of the month the amount was spent in.
    month: date('month').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('spend_source_month_idx').on(t.sourceId, t.month)],
);
