import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { defined } from '../defined';

/*
 * The job table's statements (docs/decisions/0020). A runner claims one due job at a time with a lease
 * (`for update skip locked`, so two runners never claim one job); each slice then locks the job row in
 * the slice's own transaction and checks the lease is still its own, so the slice's writes and the
 * job's new cursor commit together or not at all. A runner that dies leaves a lease that expires.
 */

export interface JobProgress {
  done: number;
  total: number;
}

/** A job as the runner and `GET /api/jobs/:id` see it. */
export interface Job {
  id: number;
  kind: string;
  key: string | null;
  cron: string | null;
  payload: Record<string, unknown>;
  cursor: unknown;
  progress: JobProgress | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  runAt: string;
  leaseToken: string | null;
  leaseUntil: string | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lastErrorAt: string | null;
  slices: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  result: unknown;
}

// Timestamps as ISO text and ids as numbers whichever driver reads them.
const jobColumns = sql`id::float8 as id, kind, key, cron, payload, cursor, progress, status,
  to_char(run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "runAt",
  lease_token::text as "leaseToken",
  to_char(lease_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "leaseUntil",
  attempts, max_attempts as "maxAttempts", last_error as "lastError",
  to_char(last_error_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastErrorAt",
  slices,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "startedAt",
  to_char(finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "finishedAt",
  result`;

const json = (value: unknown) => sql`${value === undefined ? null : JSON.stringify(value)}::jsonb`;

export interface EnqueueOptions {
  kind: string;
  payload?: Record<string, unknown>;
  /**
   * At most one unfinished job per key. Enqueuing a key that has one restarts it from the beginning
   * (cursor and progress cleared, due now): the work it was doing is to be done again over the new state.
   */
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a one-off job (or restarts the unfinished one with the same key); returns it. */
export async function enqueueJob(db: Database, options: EnqueueOptions): Promise<Job> {
  const runAt = options.runAt ? sql`${options.runAt.toISOString()}::timestamptz` : sql`clock_timestamp()`;
  const [job] = await selectRows<Job>(
    db,
    sql`insert into jobs as j (kind, key, payload, run_at, max_attempts)
      values (${options.kind}, ${options.key ?? null}, ${json(options.payload ?? {})}, ${runAt},
        ${options.maxAttempts ?? 8})
      on conflict (key) where status in ('queued', 'running') do update set
        kind = excluded.kind, payload = excluded.payload, cursor = null, progress = null,
        run_at = excluded.run_at, attempts = 0, slices = 0, started_at = null
      returning ${jobColumns}`,
  );
  return defined(job);
}

/**
 * Makes sure a recurring job exists for `key`, first due at `firstRunAt` (its next occurrence in
 * `timezone`). When the expression or the company's time zone changed since its next run was set, and
 * no runner holds it, the next run is set again.
 */
export async function ensureRecurringJob(
  db: Database,
  schedule: { kind: string; key: string; cron: string; timezone: string; firstRunAt: Date },
): Promise<void> {
  await db.execute(sql`insert into jobs as j (kind, key, cron, payload, run_at)
    values (${schedule.kind}, ${schedule.key}, ${schedule.cron}, ${json({ timezone: schedule.timezone })},
      ${schedule.firstRunAt.toISOString()}::timestamptz)
    on conflict (key) where status in ('queued', 'running') do update set
      cron = excluded.cron, payload = j.payload || excluded.payload, run_at = excluded.run_at
    where (j.cron is distinct from excluded.cron
        or j.payload->>'timezone' is distinct from excluded.payload->>'timezone')
      and j.lease_token is null and j.cursor is null`);
}

export async function readJob(db: Database, id: number): Promise<Job | undefined> {
  const [job] = await selectRows<Job>(db, sql`select ${jobColumns} from jobs where id = ${id}`);
  return job;
}

/** The unfinished job with `key`, else the latest finished one. */
export async function readJobByKey(db: Database, key: string): Promise<Job | undefined> {
  const [job] = await selectRows<Job>(
    db,
    sql`select ${jobColumns} from jobs where key = ${key}
      order by (status in ('queued', 'running')) desc, id desc limit 1`,
  );
  return job;
}

export async function listJobs(db: Database, limit = 50): Promise<Job[]> {
  return selectRows<Job>(
    db,
    sql`select ${jobColumns} from jobs
      order by (status in ('queued', 'running')) desc, run_at desc, id desc limit ${limit}`,
  );
}

/**
 * Claims the next due job whose lease is free (never held, released, or expired: its runner died)
 * for `leaseMs`, skipping rows another runner is claiming. Undefined when nothing is due.
 */
export async function claimDueJob(
  db: Database,
  options: { kinds: string[]; leaseMs: number; skip?: number[] },
): Promise<(Job & { leaseToken: string }) | undefined> {
  const token = randomUUID();
  const skip = `{${(options.skip ?? []).join(',')}}`;
  const kinds = `{${options.kinds.map((k) => `"${k.replace(/["\\]/g, '')}"`).join(',')}}`;
  const [job] = await selectRows<Job & { leaseToken: string }>(
    db,
    sql`update jobs j set lease_token = ${token}::uuid,
        lease_until = clock_timestamp() + make_interval(secs => ${options.leaseMs / 1000}::float8),
        status = 'running', started_at = coalesce(j.started_at, clock_timestamp())
      from (select id as due_id from jobs
        where status in ('queued', 'running') and run_at <= clock_timestamp()
          and (lease_until is null or lease_until < clock_timestamp())
          and kind = any(${kinds}::text[]) and id <> all(${skip}::bigint[])
        order by run_at, id limit 1
        for update skip locked) due
      where j.id = due.due_id
      returning ${jobColumns}`,
  );
  return job;
}

/**
 * Locks the job row for the calling transaction if `token` still holds its lease (undefined: the lease
 * was lost, the slice must not run). Another runner's claim skips a locked row.
 */
export async function lockLeasedJob(db: Database, id: number, token: string): Promise<Job | undefined> {
  const [job] = await selectRows<Job>(
    db,
    sql`select ${jobColumns} from jobs where id = ${id} and lease_token = ${token}::uuid for update`,
  );
  return job;
}

/** After a committed-to-be slice that did not finish: the new cursor, the lease renewed. */
export async function saveSlice(
  db: Database,
  id: number,
  slice: { cursor: unknown; progress?: JobProgress; leaseMs: number },
): Promise<void> {
  await db.execute(sql`update jobs set cursor = ${json(slice.cursor)},
      progress = coalesce(${json(slice.progress)}, progress), slices = slices + 1, attempts = 0,
      lease_until = clock_timestamp() + make_interval(secs => ${slice.leaseMs / 1000}::float8)
    where id = ${id}`);
}

/**
 * The slice that finished the job's run: a one-off is done; a recurring job starts afresh at `nextRunAt`.
 * The lease is released either way.
 */
export async function finishRun(
  db: Database,
  id: number,
  run: { cursor: unknown; progress?: JobProgress; result?: unknown; nextRunAt: Date | null },
): Promise<void> {
  await db.execute(sql`update jobs set
      status = ${run.nextRunAt ? 'queued' : 'done'},
      cursor = ${run.nextRunAt ? null : json(run.cursor)},
      progress = coalesce(${json(run.progress)}, progress),
      result = ${json(run.result)},
      run_at = coalesce(${run.nextRunAt?.toISOString() ?? null}::timestamptz, run_at),
      slices = slices + 1, attempts = 0, finished_at = clock_timestamp(),
      started_at = case when ${run.nextRunAt !== null} then null else started_at end,
      lease_token = null, lease_until = null
    where id = ${id}`);
}

/** Gives the lease back so the next tick carries on at once (the tick's time is up). */
export async function releaseJob(db: Database, id: number, token: string): Promise<void> {
  await db.execute(
    sql`update jobs set lease_token = null, lease_until = null where id = ${id} and lease_token = ${token}::uuid`,
  );
}

/**
 * Records a failed slice (nothing of it was committed): the error, one more attempt, the lease released
 * and the job due again at `retryAt`. A one-off out of attempts fails; a recurring job is never given
 * up: out of attempts, it waits for `nextRunAt`, its next occurrence.
 */
export async function recordFailure(
  db: Database,
  id: number,
  token: string,
  failure: { message: string; retryAt: Date; nextRunAt: Date | null },
): Promise<Job | undefined> {
  const [job] = await selectRows<Job>(
    db,
    sql`update jobs set
        attempts = case when attempts + 1 >= max_attempts and cron is not null then 0 else attempts + 1 end,
        status = case when attempts + 1 >= max_attempts and cron is null then 'failed' else status end,
        finished_at = case when attempts + 1 >= max_attempts and cron is null then clock_timestamp() else finished_at end,
        run_at = case when attempts + 1 >= max_attempts and cron is not null
          then ${failure.nextRunAt?.toISOString() ?? null}::timestamptz
          else ${failure.retryAt.toISOString()}::timestamptz end,
        cursor = case when attempts + 1 >= max_attempts and cron is not null then null else cursor end,
        last_error = ${failure.message.slice(0, 2000)}, last_error_at = clock_timestamp(),
        lease_token = null, lease_until = null
      where id = ${id} and lease_token = ${token}::uuid
      returning ${jobColumns}`,
  );
  return job;
}
