import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Background work (docs/decisions/0020): each row is one job, one-off or recurring, drained a bounded
 * slice at a time by `POST /api/jobs/tick`. A slice's writes and the job's new cursor commit in one
 * transaction; a lease (`lease_token` until `lease_until`) keeps two runners off one job.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The registered kind whose handler runs it (api/src/jobs/registry.ts). */
    kind: text('kind').notNull(),
    /** At most one unfinished job per key: a schedule (`schedule:alerts`) or a deduplicated one-off. */
    key: text('key'),
    /** A recurring job's cron expression, read in the company's time zone; null for a one-off. */
    cron: text('cron'),
    payload: jsonb('payload').notNull().default({}),
    /** Where the last committed slice stopped; null before the first slice of a run. */
    cursor: jsonb('cursor'),
    /** `{ done, total }` as the handler reports it. */
    progress: jsonb('progress'),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    /** Due from this instant (the next cron occurrence, or the backoff after a failure). */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    leaseToken: uuid('lease_token'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /** Failed attempts in a row (reset by a committed slice). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    slices: integer('slices').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    /** A one-off's end; a recurring job's last finished run. */
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** A recurring job's last finished run's result, for `GET /api/jobs/:id`. */
    result: jsonb('result'),
  },
  (t) => [
    // The runner looks for due work in run_at order among the unfinished.
    index('jobs_due_idx').on(t.runAt).where(sql`${t.status} in ('queued', 'running')`),
    uniqueIndex('jobs_key_unfinished').on(t.key).where(sql`${t.status} in ('queued', 'running')`),
    check('jobs_status', sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check('jobs_attempts', sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
  ],
);

export type JobRow = typeof jobs.$inferSelect;
