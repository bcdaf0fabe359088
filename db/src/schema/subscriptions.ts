import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { jobs } from './jobs';
import { users } from './users';

export const subscriptionKinds = ['board-pack', 'digest', 'alerts'] as const;
export type SubscriptionKind = (typeof subscriptionKinds)[number];

/**
 * A report that comes to its readers on a schedule (a cron expression in `timezone`, else the company's):
 * the board pack, the weekly digest or the alerts, by mail to `recipients` (who need no account) and, when
 * a webhook is set, to Slack. The webhook URL is a secret: sealed under SECRETS_KEY, never answered.
 */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').$type<SubscriptionKind>().notNull(),
    name: text('name').notNull().default(''),
    schedule: text('schedule').notNull(),
    timezone: text('timezone'),
    slackWebhook: text('slack_webhook'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('subscriptions_kind', sql`${t.kind} in ('board-pack', 'digest', 'alerts')`)],
);

/**
 * A subscription's mail recipients, each with the token of their unsubscribe link (it can only take that
 * address off that subscription). Unsubscribed recipients stay listed, marked, and get nothing.
 */
export const subscriptionRecipients = pgTable(
  'subscription_recipients',
  {
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    unsubscribeToken: text('unsubscribe_token').notNull(),
    unsubscribedAt: timestamp('unsubscribed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.email] }),
    index('subscription_recipients_token_idx').on(t.unsubscribeToken),
  ],
);

/** One run of a subscription (scheduled or on demand): what it was about, and when. */
export const subscriptionRuns = pgTable(
  'subscription_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
    subject: text('subject').notNull(),
    // What the run sends, computed once for all its deliveries (figures, alert ids), as JSON.
    content: text('content').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('subscription_runs_subscription_idx').on(t.subscriptionId, t.id)],
);

/**
 * One message of a run to one recipient (a mail address, or the Slack webhook). Each is its own job, so a
 * failure is retried with backoff and, out of attempts, stays failed with its error (the job's row).
 */
export const subscriptionDeliveries = pgTable(
  'subscription_deliveries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    runId: integer('run_id')
      .notNull()
      .references(() => subscriptionRuns.id, { onDelete: 'cascade' }),
    channel: text('channel').$type<'email' | 'slack'>().notNull(),
    recipient: text('recipient').notNull(),
    jobId: bigint('job_id', { mode: 'number' }).references(() => jobs.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    messageId: text('message_id'),
  },
  (t) => [index('subscription_deliveries_run_idx').on(t.runId)],
);

/** The alerts a subscription has sent, at what severity, on which day: at most once per alert per day. */
export const alertNotices = pgTable(
  'alert_notices',
  {
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    alertId: text('alert_id').notNull(),
    day: date('day').notNull(),
    severity: text('severity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriptionId, t.alertId, t.day] })],
);
