import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { sources } from './sources';

export const targetMetrics = ['leads', 'sales_ready', 'pipeline', 'revenue'] as const;
export type TargetMetric = (typeof targetMetrics)[number];

export const targets = pgTable(
  'targets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    // Fiscal quarter label, e.g. 2026-Q1.
    quarter: text('quarter').notNull(),
    metric: text('metric').$type<TargetMetric>().notNull(),
    // Null means the company-wide target.
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'cascade' }),
    value: numeric('value', { precision: 16, scale: 2, mode: 'number' }).notNull(),
  },
  (t) => [
    unique('targets_quarter_metric_source_key').on(t.quarter, t.metric, t.sourceId).nullsNotDistinct(),
    check('targets_metric_check', sql`${t.metric} in ('leads', 'sales_ready', 'pipeline', 'revenue')`),
  ],
);
