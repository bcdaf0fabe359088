import { date, integer, numeric, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
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
    // The campaign an ad platform's export names; '' for a month's spend not split by campaign.
    campaign: text('campaign').notNull().default(''),
    // Who wrote the month: 'demo' (the default, so the seed and rows from before this column count as
    // the demo's), 'file', 'grid' or 'api'. "Start with your own data" removes only the demo's.
    origin: text('origin').$type<'demo' | 'file' | 'grid' | 'api'>().notNull().default('demo'),
  },
  (t) => [uniqueIndex('spend_source_month_campaign_idx').on(t.sourceId, t.month, t.campaign)],
);

/**
 * What the sales side costs in a month (salaries, commissions, tools), for the company as a whole: the
 * customer acquisition cost adds it to the marketing spend, shared among sources by their opportunities
 * (docs/metrics.md, "Customer acquisition cost").
 */
export const salesCost = pgTable('sales_cost', {
  // First day of the month.
  month: date('month').primaryKey(),
  amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }).notNull(),
  origin: text('origin').$type<'demo' | 'grid' | 'api'>().notNull().default('grid'),
});
