import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import {
  claimDueJob,
  ensureRecurringJob,
  finishRun,
  type JobProgress,
  lockLeasedJob,
  recordFailure,
  releaseJob,
  saveSlice,
} from '@salesready/db/jobs/queue';
import { readSettings } from '@salesready/db/settings';
import { sql } from 'drizzle-orm';
import type { JobKind, JobServices, SliceResult } from './kind';
import { jobKinds } from './registry';
import { backoffMs, nextOccurrence } from './schedule';

export interface TickOptions {
  /** How long the tick may start slices for; a slice already started runs to its end. Default 10 s. */
  budgetMs?: number;
  /** How long a claimed job stays this runner's without a committed slice. Default 60 s. */
  leaseMs?: number;
  /**
   * A pause after each committed slice, so other requests' statements get the database in between (the
   * embedded database runs one statement at a time). Default none.
   */
  pauseMs?: number;
  /** The kinds this runner knows; default every registered kind. */
  kinds?: readonly JobKind[];
  /** What slices may need beyond the database (the keys secrets are sealed with, vendors' addresses). */
  services?: JobServices;
}

/** What one job did in a tick. */
export interface TickJob {
  id: number;
  kind: string;
  /** Slices committed in this tick. */
  slices: number;
  /**
   * `done`: a one-off finished; `scheduled`: a recurring run finished, next at `nextRunAt`; `continuing`: the
   * tick's time ran out, the next goes on from the saved cursor; `retrying`/`failed`: a slice failed (nothing
   * of it kept), retried after a backoff or given up; `lease-lost`: another runner holds it now.
   */
  status: 'done' | 'scheduled' | 'continuing' | 'retrying' | 'failed' | 'lease-lost';
  progress?: JobProgress;
  nextRunAt?: string;
  error?: string;
}

export interface TickReport {
  startedAt: string;
  elapsedMs: number;
  budgetMs: number;
  jobs: TickJob[];
  /** Due work was left when the budget ran out. */
  more: boolean;
}

export const defaultTickBudgetMs = 10_000;
const defaultLeaseMs = 60_000;

/** A failure's words without a query's bound values (lead data): the database's own message. */
function errorText(error: unknown): string {
  const e = error as { message?: unknown; query?: unknown; cause?: { message?: unknown } } | null;
  if (typeof e?.query === 'string' && typeof e.cause?.message === 'string') return e.cause.message;
  return typeof e?.message === 'string' && e.message ? e.message : String(error);
}

/** A recurring job's own time zone (a subscription's), else the company's. */
const jobTimezone = (payload: Record<string, unknown> | null, company: string) =>
  typeof payload?.timezone === 'string' ? payload.timezone : company;

/** Makes sure every recurring kind has its job, first due at its next occurrence. */
async function ensureSchedules(db: Database, kinds: readonly JobKind[], timezone: string, now: Date) {
  for (const kind of kinds) {
    if (!kind.schedule) continue;
    await ensureRecurringJob(db, {
      kind: kind.kind,
      key: `schedule:${kind.kind}`,
      cron: kind.schedule,
      timezone,
      firstRunAt: nextOccurrence(kind.schedule, timezone, now),
    });
  }
}

/**
 * Runs due jobs for about `budgetMs`: claims one at a time (never one another runner holds) and runs
 * its slices, each in its own transaction with the job's new cursor, until the job's run is finished,
 * a slice fails, or the time is up. Answers what ran.
 */
export async function runDueJobs(db: Database, options: TickOptions = {}): Promise<TickReport> {
  const started = Date.now();
  const budgetMs = options.budgetMs ?? defaultTickBudgetMs;
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const kinds = options.kinds ?? jobKinds;
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const settings = await readSettings(db);
  const { timezone } = settings;
  await ensureSchedules(db, kinds, timezone, new Date());
  // The budget counts from the first claim: at least one slice runs whatever it is.
  const deadline = Date.now() + budgetMs;
  let first = true;

  const report: TickJob[] = [];
  const seen: number[] = [];
  while (first || Date.now() < deadline) {
    first = false;
    const job = await claimDueJob(db, { kinds: [...byKind.keys()], leaseMs, skip: seen });
    if (!job) break;
    seen.push(job.id);
    const kind = defined(byKind.get(job.kind));
    const entry: TickJob = { id: job.id, kind: job.kind, slices: 0, status: 'continuing' };
    report.push(entry);
    const token = job.leaseToken;
    for (;;) {
      const now = new Date();
      let nextRunAt: Date | null = null;
      try {
        const outcome = await db.transaction(async (tx): Promise<SliceResult | 'lost'> => {
          const locked = await lockLeasedJob(tx as unknown as Database, job.id, token);
          if (!locked) return 'lost';
          const result = await kind.run({
            db: tx as unknown as Database,
            job: locked,
            cursor: locked.cursor,
            payload: locked.payload ?? {},
            deadline,
            now,
            services: options.services ?? {},
          });
          if (result.done) {
            nextRunAt = locked.cron
              ? nextOccurrence(locked.cron, jobTimezone(locked.payload, timezone), now, settings)
              : null;
            await finishRun(tx as unknown as Database, job.id, { ...result, nextRunAt });
          } else {
            await saveSlice(tx as unknown as Database, job.id, { ...result, leaseMs });
          }
          return result;
        });
        if (outcome === 'lost') {
          entry.status = 'lease-lost';
          break;
        }
        entry.slices++;
        if (outcome.progress) entry.progress = outcome.progress;
        if (outcome.done) {
          const next = nextRunAt as Date | null;
          entry.status = next ? 'scheduled' : 'done';
          if (next) entry.nextRunAt = next.toISOString();
          break;
        }
        if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
        if (Date.now() >= deadline) {
          await releaseJob(db, job.id, token);
          break;
        }
      } catch (error) {
        const message = errorText(error);
        // Unrecorded (the database is gone too), the lease expires and the job is retried all the same.
        const failed = await recordFailure(db, job.id, token, {
          message,
          retryAt: new Date(Date.now() + backoffMs(job.attempts + 1)),
          nextRunAt: job.cron
            ? nextOccurrence(job.cron, jobTimezone(job.payload, timezone), now, settings)
            : null,
        }).catch(() => undefined);
        entry.status = failed?.status === 'failed' ? 'failed' : failed ? 'retrying' : 'lease-lost';
        entry.error = message;
        break;
      }
    }
  }
  const more =
    Date.now() >= deadline &&
    defined(
      (
        await selectRows<{ due: boolean }>(
          db,
          sql`select exists (select 1 from jobs where status in ('queued', 'running')
          and run_at <= clock_timestamp() and (lease_until is null or lease_until < clock_timestamp())) as due`,
        )
      )[0],
    ).due;
  return {
    startedAt: new Date(started).toISOString(),
    elapsedMs: Date.now() - started,
    budgetMs,
    jobs: report,
    more,
  };
}
