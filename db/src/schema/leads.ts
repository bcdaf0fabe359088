import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { imports } from './imports';
import { sources } from './sources';

const stamp = (name: string) => timestamp(name, { withTimezone: true });

export const leadStatuses = ['open', 'won', 'lost', 'disqualified', 'recycled'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const leads = pgTable(
  'leads',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    externalId: text('external_id').notNull(),
    originSystem: text('origin_system').notNull().default('manual'),
    createdAt: stamp('created_at').notNull(),
    sourceId: integer('source_id').references(() => sources.id),
    campaign: text('campaign'),
    company: text('company'),
    segment: text('segment'),
    country: text('country'),
    owner: text('owner'),
    mqlAt: stamp('mql_at'),
    // The CRM's own sales-ready timestamp, as imported.
    crmSalesReadyAt: stamp('crm_sales_ready_at'),
    // Effective sales-ready time under the sales-ready rule setting; kept in step by applySalesReadyRule.
    salesReadyAt: stamp('sales_ready_at'),
    acceptedAt: stamp('accepted_at'),
    opportunityAt: stamp('opportunity_at'),
    wonAt: stamp('won_at'),
    lostAt: stamp('lost_at'),
    disqualifiedAt: stamp('disqualified_at'),
    budget: boolean('budget').notNull().default(false),
    authority: boolean('authority').notNull().default(false),
    need: boolean('need').notNull().default(false),
    timeframe: boolean('timeframe').notNull().default(false),
    bantScore: smallint('bant_score')
      .notNull()
      .generatedAlwaysAs(sql`(budget::int + authority::int + need::int + timeframe::int)::smallint`),
    score: smallint('score'),
    amount: numeric('amount', { precision: 14, scale: 2, mode: 'number' }),
    status: text('status').$type<LeadStatus>().notNull().default('open'),
    stage: text('stage'),
    disqualifyReason: text('disqualify_reason'),
    // When the deal is expected to close, if the CRM says (for pulled in / pushed out in the waterfall).
    expectedCloseOn: date('expected_close_on'),
    importId: integer('import_id').references(() => imports.id, { onDelete: 'set null' }),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('leads_origin_external_idx').on(t.originSystem, t.externalId),
    index('leads_created_source_idx').on(t.createdAt, t.sourceId),
    // One partial index per stage time, keyed by it and carrying the columns the figures read from
    // the leads of a range (medians, pipeline, attribution), so those are index-only scans.
    // A lead with no later stage has no time in stage: left out of the created-at one.
    index('leads_created_stages_idx')
      .on(t.createdAt, t.sourceId, t.mqlAt, t.salesReadyAt, t.acceptedAt, t.opportunityAt, t.wonAt, t.lostAt)
      .where(
        sql`coalesce(${t.mqlAt}, ${t.salesReadyAt}, ${t.acceptedAt}, ${t.opportunityAt}, ${t.wonAt}, ${t.lostAt}) is not null`,
      ),
    index('leads_mql_idx')
      .on(t.mqlAt, t.sourceId, t.salesReadyAt, t.acceptedAt, t.opportunityAt, t.wonAt, t.lostAt)
      .where(sql`${t.mqlAt} is not null`),
    index('leads_sales_ready_idx')
      .on(t.salesReadyAt, t.createdAt, t.sourceId, t.acceptedAt, t.opportunityAt, t.wonAt, t.lostAt)
      .where(sql`${t.salesReadyAt} is not null`),
    index('leads_accepted_idx')
      .on(t.acceptedAt, t.sourceId, t.opportunityAt, t.wonAt, t.lostAt)
      .where(sql`${t.acceptedAt} is not null`),
    index('leads_opportunity_idx')
      .on(t.opportunityAt, t.sourceId, t.amount, t.wonAt, t.lostAt, t.disqualifiedAt, t.id)
      .where(sql`${t.opportunityAt} is not null`),
    index('leads_won_idx')
      .on(t.wonAt, t.createdAt, t.sourceId, t.amount, t.salesReadyAt, t.id)
      .where(sql`${t.wonAt} is not null`),
    index('leads_lost_idx').on(t.lostAt, t.wonAt, t.sourceId).where(sql`${t.lostAt} is not null`),
    index('leads_disqualified_idx').on(t.disqualifiedAt).where(sql`${t.disqualifiedAt} is not null`),
    index('leads_source_idx').on(t.sourceId),
  ],
);
