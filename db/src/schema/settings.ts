import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, smallint, text } from 'drizzle-orm/pg-core';

// One row (id = 1): the settings that change figures.
export const settings = pgTable(
  'settings',
  {
    id: smallint('id').primaryKey().default(1),
    fiscalYearStartMonth: smallint('fiscal_year_start_month').notNull().default(1),
    timezone: text('timezone').notNull().default('UTC'),
    currency: text('currency').notNull().default('USD'),
    salesReadyBantThreshold: smallint('sales_ready_bant_threshold').notNull().default(4),
    useCrmSalesReady: boolean('use_crm_sales_ready').notNull().default(true),
    slaHours: integer('sla_hours').notNull().default(48),
    stalledDays: integer('stalled_days').notNull().default(14),
    /** Marketing-influenced: a marketing touch within this many days before the opportunity. */
    influenceWindowDays: integer('influence_window_days').notNull().default(90),
  },
  (t) => [
    check('settings_single_row', sql`${t.id} = 1`),
    check('settings_fiscal_month', sql`${t.fiscalYearStartMonth} between 1 and 12`),
    check('settings_bant_threshold', sql`${t.salesReadyBantThreshold} between 1 and 4`),
    check('settings_influence_window', sql`${t.influenceWindowDays} between 1 and 730`),
  ],
);
