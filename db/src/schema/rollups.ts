import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

/*
 * Rollups: the leads summed per local calendar day and source, and per lead the values medians sort,
 * kept fresh on write by statement-level triggers on `leads` and `touches` (the custom migration
 * db/migrations/0003_rollup_triggers.sql), so every writer keeps them fresh without knowing about them.
 * Counts and amounts add up exactly over any range of days. docs/metrics.md, "Rollups".
 */

/** The time zone the day buckets are cut in; the figures use the rollups only when it is the filter's. */
export const rollupState = pgTable(
  'rollup_state',
  {
    id: smallint('id').primaryKey().default(1),
    timezone: text('timezone').notNull(),
    rebuiltAt: timestamp('rebuilt_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('rollup_state_single_row', sql`${t.id} = 1`)],
);

const count = (name: string) => integer(name).notNull().default(0);

/**
 * Leads created per local day and source (null: no source), with how many of them reached each stage
 * (at any time): the cohort view's counts. Each column counts the leads of the row that match it.
 */
export const rollupLeadDays = pgTable(
  'rollup_lead_days',
  {
    day: date('day', { mode: 'string' }).notNull(),
    sourceId: integer('source_id'),
    leads: count('leads'),
    mql: count('mql'),
    salesReady: count('sales_ready'),
    accepted: count('accepted'),
    opportunity: count('opportunity'),
    won: count('won'),
    lost: count('lost'),
    disqualified: count('disqualified'),
    /** Amount of the leads won (to date). */
    revenue: numeric('revenue').notNull().default('0'),
    /** Sum of the BANT scores. */
    bantScore: bigint('bant_score', { mode: 'number' }).notNull().default(0),
    // Reached both stages.
    mqlSalesReady: count('mql_sales_ready'),
    salesReadyAccepted: count('sales_ready_accepted'),
    acceptedOpportunity: count('accepted_opportunity'),
    salesReadyOpportunity: count('sales_ready_opportunity'),
    opportunityWon: count('opportunity_won'),
    opportunityLost: count('opportunity_lost'),
    // The funnel's anomalies.
    skippedMql: count('skipped_mql'),
    skippedSalesReady: count('skipped_sales_ready'),
    skippedAccepted: count('skipped_accepted'),
    skippedOpportunity: count('skipped_opportunity'),
    skippedAny: count('skipped_any'),
    outOfOrder: count('out_of_order'),
    // Reached the stage within N days of creation (a stage before creation counts as day 0).
    salesReady30d: count('sales_ready_30d'),
    salesReady60d: count('sales_ready_60d'),
    salesReady90d: count('sales_ready_90d'),
    salesReady180d: count('sales_ready_180d'),
    won30d: count('won_30d'),
    won60d: count('won_60d'),
    won90d: count('won_90d'),
    won180d: count('won_180d'),
  },
  (t) => [unique('rollup_lead_days_key').on(t.day, t.sourceId).nullsNotDistinct()],
);

export const rollupStages = [
  'mql',
  'sales_ready',
  'accepted',
  'opportunity',
  'won',
  'lost',
  'disqualified',
  // An opportunity closed (won, lost or disqualified), on the later of its opportunity and close days:
  // pipeline at a day's end = opportunities before it − these before it.
  'opportunity_closed',
] as const;
export type RollupStage = (typeof rollupStages)[number];

/**
 * Leads that reached a stage per local day of that stage and source: the period view's counts. Each
 * other column holds what a figure reads of that stage's rows only (zero on the others), so a change to
 * a lead rewrites only the rows whose figures it changes (migration 0007).
 */
export const rollupStageDays = pgTable(
  'rollup_stage_days',
  {
    stage: text('stage').$type<RollupStage>().notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    sourceId: integer('source_id'),
    leads: count('leads'),
    /** Amount of the deals (stages opportunity, opportunity_closed, won). */
    amount: numeric('amount').notNull().default('0'),
    /** Sales-ready at or after creation (stage sales_ready). */
    orderly: count('orderly'),
    // Then reached a later stage (at any time): sales-ready from mql, accepted from sales_ready,
    // opportunity from sales_ready and accepted, won and lost from opportunity.
    thenSalesReady: count('then_sales_ready'),
    thenAccepted: count('then_accepted'),
    thenOpportunity: count('then_opportunity'),
    thenWon: count('then_won'),
    thenLost: count('then_lost'),
    /** Marketing-influenced deals and their amount (rollup_lead_facts.influenced; the deal stages). */
    influenced: count('influenced'),
    influencedAmount: numeric('influenced_amount').notNull().default('0'),
  },
  (t) => [unique('rollup_stage_days_key').on(t.stage, t.day, t.sourceId).nullsNotDistinct()],
);

const days = (name: string) => doublePrecision(name);

/**
 * Per lead, the durations medians sort, stored as float8 so a median sorts numbers rather than computing one
 * per lead, and what its touches say (docs/decisions/0010). Null where a figure leaves the lead out; absent
 * with nothing to keep. Instants, not days: it does not depend on the time zone.
 */
export const rollupLeadFacts = pgTable(
  'rollup_lead_facts',
  {
    leadId: bigint('lead_id', { mode: 'number' }).primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sourceId: integer('source_id'),
    /** The lead's sales-ready time when at or after its creation (the SRLs the medians count). */
    salesReadyAt: timestamp('sales_ready_at', { withTimezone: true }),
    /** Marketing touches from creation to sales-ready, both included (with `salesReadyAt`). */
    touches: integer('touches'),
    daysToSalesReady: days('days_to_sales_ready'),
    daysToWon: days('days_to_won'),
    // Days from reaching the stage to reaching any later one (the funnel's time in stage).
    leadDays: days('lead_days'),
    mqlDays: days('mql_days'),
    salesReadyDays: days('sales_ready_days'),
    acceptedDays: days('accepted_days'),
    opportunityDays: days('opportunity_days'),
    /** A marketing touch before the opportunity (before the close when no opportunity time was recorded). */
    influenced: boolean('influenced').notNull().default(false),
    // The hand-off to sales (docs/pacing.md), for every SRL whatever its stage order; null otherwise.
    /** The lead's sales-ready time. */
    handoffAt: timestamp('handoff_at', { withTimezone: true }),
    /** The first sales touch at or after it (the figures ignore one after their `now`). */
    firstSalesAt: timestamp('first_sales_at', { withTimezone: true }),
    /** The latest of its sales-ready, accepted and opportunity times and of its touches (either side). */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    /** Still with sales: status open, not won, lost or disqualified. */
    withSales: boolean('with_sales').notNull().default(false),
  },
  (t) => [
    index('rollup_lead_facts_created_idx').on(
      t.createdAt,
      t.sourceId,
      t.leadDays,
      t.mqlDays,
      t.salesReadyDays,
      t.acceptedDays,
      t.opportunityDays,
      t.daysToSalesReady,
      t.daysToWon,
    ),
    index('rollup_lead_facts_sales_ready_idx')
      .on(t.salesReadyAt, t.sourceId, t.touches, t.daysToSalesReady)
      .where(sql`${t.salesReadyAt} is not null`),
    index('rollup_lead_facts_handoff_idx')
      .on(t.handoffAt, t.sourceId, t.firstSalesAt, t.leadId)
      .where(sql`${t.handoffAt} is not null`),
    // The SRLs still with sales (a few thousand of the million): the neglected and stalled lists.
    index('rollup_lead_facts_with_sales_idx')
      .on(t.handoffAt, t.sourceId, t.firstSalesAt, t.lastActivityAt, t.leadId)
      .where(sql`${t.withSales}`),
  ],
);

/**
 * Per won lead and per source it credits, its won revenue credited by each attribution model, as
 * revenue-attribution.ts computes them (touches up to the win, channel → source by key). Refreshed
 * when the lead, its marketing touches or the sources' keys change.
 */
export const rollupAttribution = pgTable(
  'rollup_attribution',
  {
    leadId: bigint('lead_id', { mode: 'number' }).notNull(),
    /** The source credited; null: the lead's own source is Unknown. */
    creditedSourceId: integer('credited_source_id'),
    wonAt: timestamp('won_at', { withTimezone: true }).notNull(),
    /** The lead's own source (what the filters select on). */
    sourceId: integer('source_id'),
    firstTouch: numeric('first_touch').notNull(),
    lastTouch: numeric('last_touch').notNull(),
    linear: numeric('linear').notNull(),
  },
  (t) => [
    unique('rollup_attribution_key').on(t.leadId, t.creditedSourceId).nullsNotDistinct(),
    index('rollup_attribution_won_idx').on(t.wonAt),
  ],
);

/** The stage transitions the pacing projection follows (db/src/queries/pacing/funnel-curves.ts). */
export const rollupTransitions = ['salesReady', 'opportunity', 'won', 'closed'] as const;
export type RollupTransition = (typeof rollupTransitions)[number];

/**
 * Leads that entered a transition's stage and then reached the next one (`kind` e) or left the running
 * (x), per local month of entry, source and whole days from entry to that end (`lag`): the settled
 * leads of the pacing projection's survival curves. Weights as the curves weigh a lead (1 or its amount).
 */
export const rollupTransitionLags = pgTable(
  'rollup_transition_lags',
  {
    transition: text('transition').$type<RollupTransition>().notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    sourceId: integer('source_id'),
    kind: text('kind').$type<'e' | 'x'>().notNull(),
    lag: integer('lag').notNull(),
    leads: count('leads'),
    weight: numeric('weight').notNull().default('0'),
  },
  (t) => [
    unique('rollup_transition_lags_key')
      .on(t.transition, t.month, t.sourceId, t.kind, t.lag)
      .nullsNotDistinct(),
  ],
);

/**
 * Leads that entered a transition's stage, per local day of entry, source and `entered`, at a stand-in entry
 * time (docs/decisions/0006) as many whole days from every local midnight as the entry, and on the same side,
 * so the curves' ages and ranges come out the same.
 */
export const rollupTransitionEntries = pgTable(
  'rollup_transition_entries',
  {
    transition: text('transition').$type<RollupTransition>().notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    sourceId: integer('source_id'),
    entered: timestamp('entered', { withTimezone: true }).notNull(),
    leads: count('leads'),
    weight: numeric('weight').notNull().default('0'),
    /** Weight of those that reached the next stage. */
    eventWeight: numeric('event_weight').notNull().default('0'),
    /** Leads with a positive weight, and their weight. */
    weighted: count('weighted'),
    weightedSum: numeric('weighted_sum').notNull().default('0'),
    /** Leads with an opportunity and an amount, and that amount. */
    deals: count('deals'),
    dealAmount: numeric('deal_amount').notNull().default('0'),
    // Still waiting (neither the next stage nor an exit): how many, their weight, the amount of those
    // with one, and how many have none.
    open: count('open'),
    openWeight: numeric('open_weight').notNull().default('0'),
    openAmount: numeric('open_amount').notNull().default('0'),
    openMissing: count('open_missing'),
  },
  (t) => [
    unique('rollup_transition_entries_key').on(t.transition, t.day, t.sourceId, t.entered).nullsNotDistinct(),
  ],
);
