import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { leads } from './leads';

/** Stages of an open lead in a snapshot, stored as their index (compact). */
export const snapshotStages = ['lead', 'mql', 'sales_ready', 'accepted', 'opportunity'] as const;
export type SnapshotStage = (typeof snapshotStages)[number];

/** One row per week kept: when it was taken, whether rebuilt from stage timestamps, and its totals. */
export const pipelineSnapshotWeeks = pgTable('pipeline_snapshot_weeks', {
  // The local day (company time zone) at whose end the state was read.
  weekEnd: date('week_end').primaryKey(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
  rebuilt: boolean('rebuilt').notNull(),
  timezone: text('timezone').notNull(),
  openLeads: integer('open_leads').notNull(),
  openDeals: integer('open_deals').notNull(),
  openAmount: numeric('open_amount', { precision: 16, scale: 2, mode: 'number' }).notNull(),
});

/** The state of each open lead and deal at a week's end. */
export const pipelineSnapshots = pgTable(
  'pipeline_snapshots',
  {
    weekEnd: date('week_end')
      .notNull()
      .references(() => pipelineSnapshotWeeks.weekEnd, { onDelete: 'cascade' }),
    leadId: bigint('lead_id', { mode: 'number' })
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    // Index into snapshotStages.
    stage: smallint('stage').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }),
    expectedCloseOn: date('expected_close_on'),
    owner: text('owner'),
    sourceId: integer('source_id'),
  },
  (t) => [
    primaryKey({ columns: [t.weekEnd, t.leadId] }),
    index('pipeline_snapshots_lead_idx').on(t.leadId),
    check('pipeline_snapshots_stage', sql`${t.stage} between 0 and 4`),
  ],
);
