import { createApp } from '@salesready/api/app';
import type { JobKind } from '@salesready/api/jobs/kind';
import { runDueJobs } from '@salesready/api/jobs/runner';
import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { claimDueJob, enqueueJob, readJob } from '@salesready/db/jobs/queue';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser, setSettings } from '../helpers/factories';
import { describeOnBackend, openTestDb, testBackend } from '../helpers/test-db';

const secret = 'a-cron-secret-of-some-length';

/**
 * A job kind for the tests: writes `items` numbered rows into job_test_writes, `batch` per slice, the
 * cursor being the last item written. `failAt` makes the slice that starts at that cursor fail after
 * writing part of its batch, `failTimes` times: by throwing, or by its connection being killed.
 */
const writes: JobKind = {
  kind: 'test-writes',
  async run({ db, cursor, payload, job }) {
    const from = typeof cursor === 'number' ? cursor : 0;
    const {
      items,
      batch,
      failAt,
      failTimes = 1,
      how = 'throw',
      sleepMs = 0,
    } = payload as {
      items: number;
      batch: number;
      failAt?: number;
      failTimes?: number;
      how?: 'throw' | 'kill';
      sleepMs?: number;
    };
    const to = Math.min(items, from + batch);
    const failing = failAt === from && job.attempts < failTimes;
    // The first half of the batch is written before the failure.
    const half = failing ? from + Math.ceil((to - from) / 2) : to;
    await db.execute(sql`insert into job_test_writes (job_id, item)
      select ${job.id}, g from generate_series(${from + 1}::int, ${half}::int) g`);
    if (sleepMs) await db.execute(sql`select pg_sleep(${sleepMs / 1000})`);
    if (failing) {
      if (how === 'kill') await db.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
      throw new Error(`slice from ${from} failed halfway on purpose`);
    }
    return { cursor: to, done: to >= items, progress: { done: to, total: items } };
  },
};

async function written(db: Database, jobId: number) {
  const [row] = await selectRows<{ n: number; distinct: number; max: number | null }>(
    db,
    sql`select count(*)::int as n, count(distinct item)::int as distinct, max(item) as max
      from job_test_writes where job_id = ${jobId}`,
  );
  return defined(row);
}

/** Makes a job due now (its backoff elapsed). */
const dueNow = (db: Database, id: number) =>
  db.execute(sql`update jobs set run_at = clock_timestamp() where id = ${id}`);

describeOnBackend('background jobs', () => {
  let handle: Awaited<ReturnType<typeof openTestDb>>;
  let db: Database;
  let cookie = '';
  const app = () =>
    createApp({ db, driver: handle.driver, version: 'test', demo: false, cronSecret: secret });

  beforeAll(async () => {
    handle = await openTestDb();
    db = handle.db;
    await db.execute(sql`create table job_test_writes (job_id bigint not null, item int not null)`);
    await addUser(db, 'admin@example.com', 'a long test password', 'admin');
    const res = await app().request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    cookie = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
  });
  afterAll(() => handle?.close());

  it('refuses a tick without the cron secret, saying what is missing', async () => {
    const unset = createApp({ db, driver: handle.driver, version: 'test', demo: false });
    const noSecret = await unset.request('/api/jobs/tick', {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(noSecret.status).toBe(503);
    expect((await noSecret.json()).error.message).toMatch(/CRON_SECRET is not set/);

    const a = app();
    const none = await a.request('/api/jobs/tick', { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await none.json()).error.message).toMatch(/Authorization header: Bearer <CRON_SECRET>/);
    const basic = await a.request('/api/jobs/tick', {
      method: 'POST',
      headers: { authorization: 'Basic eDp5' },
    });
    expect(basic.status).toBe(401);
    expect((await basic.json()).error.details).toEqual([
      { path: 'header.authorization', message: 'not a Bearer credential' },
    ]);
    for (const wrong of [`${secret}x`, secret.slice(0, -1), 'short']) {
      const res = await a.request('/api/jobs/tick', {
        method: 'POST',
        headers: { authorization: `Bearer ${wrong}` },
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/not this server’s CRON_SECRET/);
    }
    // A session is no credential for it.
    const session = await a.request('/api/jobs/tick', { method: 'POST', headers: { cookie } });
    expect(session.status).toBe(401);
  });

  it('runs a tick with the secret, by POST and by GET as Vercel Cron sends it, and answers what ran', async () => {
    const job = await enqueueJob(db, { kind: 'sales-ready-rule', key: 'sales-ready-rule' });
    const post = await app().request('/api/jobs/tick', {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cron: '*/5 * * * *' }),
    });
    expect(post.status).toBe(200);
    const report = await post.json();
    expect(report).toMatchObject({ budgetMs: 10_000, more: false });
    expect(report.jobs).toEqual([
      expect.objectContaining({ id: job.id, kind: 'sales-ready-rule', status: 'done', slices: 1 }),
    ]);
    const get = await app().request('/api/jobs/tick', {
      headers: { authorization: `Bearer ${secret}`, 'user-agent': 'vercel-cron/1.0' },
    });
    expect(get.status).toBe(200);
    expect((await get.json()).jobs).toEqual([]);
  });

  it('commits a slice with its cursor or not at all: a slice that fails halfway leaves nothing, the next tick finishes with nothing done twice', async () => {
    const job = await enqueueJob(db, {
      kind: 'test-writes',
      payload: { items: 50, batch: 10, failAt: 20 },
    });
    const first = await runDueJobs(db, { kinds: [writes] });
    expect(first.jobs).toEqual([
      expect.objectContaining({
        id: job.id,
        status: 'retrying',
        slices: 2,
        error: 'slice from 20 failed halfway on purpose',
      }),
    ]);
    // Slices 1 and 2 committed; the third's five rows were rolled back with it.
    expect(await written(db, job.id)).toEqual({ n: 20, distinct: 20, max: 20 });
    const failed = defined(await readJob(db, job.id));
    expect(failed).toMatchObject({ status: 'running', cursor: 20, attempts: 1, leaseToken: null });
    expect(failed.lastError).toBe('slice from 20 failed halfway on purpose');
    // Backed off: not due on the next tick.
    expect(new Date(failed.runAt).getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect((await runDueJobs(db, { kinds: [writes] })).jobs).toEqual([]);

    await dueNow(db, job.id);
    const second = await runDueJobs(db, { kinds: [writes] });
    expect(second.jobs).toEqual([expect.objectContaining({ id: job.id, status: 'done', slices: 3 })]);
    expect(await written(db, job.id)).toEqual({ n: 50, distinct: 50, max: 50 });
    expect(await readJob(db, job.id)).toMatchObject({
      status: 'done',
      cursor: 50,
      attempts: 0,
      slices: 5,
      progress: { done: 50, total: 50 },
    });
  });

  it.skipIf(testBackend !== 'postgres')(
    'survives its connection dropping mid-slice: the next tick finishes with nothing done twice',
    async () => {
      const job = await enqueueJob(db, {
        kind: 'test-writes',
        payload: { items: 30, batch: 10, failAt: 10, how: 'kill' },
      });
      const first = await runDueJobs(db, { kinds: [writes] });
      expect(first.jobs[0]).toMatchObject({ id: job.id, status: 'retrying', slices: 1 });
      expect(await written(db, job.id)).toEqual({ n: 10, distinct: 10, max: 10 });
      await dueNow(db, job.id);
      expect((await runDueJobs(db, { kinds: [writes] })).jobs[0]).toMatchObject({
        status: 'done',
        slices: 2,
      });
      expect(await written(db, job.id)).toEqual({ n: 30, distinct: 30, max: 30 });
    },
  );

  it('gives a job whose runner died to the next tick once its lease has expired', async () => {
    const job = await enqueueJob(db, { kind: 'test-writes', payload: { items: 4, batch: 2 } });
    // A runner claims it and dies before its first slice.
    const claimed = await claimDueJob(db, { kinds: ['test-writes'], leaseMs: 600 });
    expect(claimed?.id).toBe(job.id);
    expect((await runDueJobs(db, { kinds: [writes] })).jobs).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const after = await runDueJobs(db, { kinds: [writes] });
    expect(after.jobs).toEqual([expect.objectContaining({ id: job.id, status: 'done', slices: 2 })]);
    expect(await written(db, job.id)).toEqual({ n: 4, distinct: 4, max: 4 });
  });

  it('gives up a one-off after its attempts, keeping the error', async () => {
    const job = await enqueueJob(db, {
      kind: 'test-writes',
      payload: { items: 4, batch: 2, failAt: 0, failTimes: 5 },
      maxAttempts: 2,
    });
    expect((await runDueJobs(db, { kinds: [writes] })).jobs[0]).toMatchObject({ status: 'retrying' });
    await dueNow(db, job.id);
    expect((await runDueJobs(db, { kinds: [writes] })).jobs[0]).toMatchObject({ status: 'failed' });
    expect(await readJob(db, job.id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(await written(db, job.id)).toEqual({ n: 0, distinct: 0, max: null });
  });

  it('never runs one job in two concurrent ticks', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const job = await enqueueJob(db, {
        kind: 'test-writes',
        payload: { items: 12, batch: 3, sleepMs: 30 },
      });
      ids.push(job.id);
    }
    const [a, b] = await Promise.all([
      runDueJobs(db, { kinds: [writes] }),
      runDueJobs(db, { kinds: [writes] }),
    ]);
    const ranA = a.jobs.map((j) => j.id);
    const ranB = b.jobs.map((j) => j.id);
    expect([...ranA, ...ranB].sort()).toEqual([...ids].sort());
    expect(ranA.filter((id) => ranB.includes(id))).toEqual([]);
    for (const id of ids) expect(await written(db, id)).toEqual({ n: 12, distinct: 12, max: 12 });
    // On the server both ticks work at once; the embedded database runs one statement at a time.
    if (testBackend === 'postgres') expect(ranA.length * ranB.length).toBeGreaterThan(0);
  });

  it('stops starting slices when its budget is spent, and the next tick carries on from the cursor', async () => {
    const job = await enqueueJob(db, { kind: 'test-writes', payload: { items: 9, batch: 3 } });
    const first = await runDueJobs(db, { kinds: [writes], budgetMs: 1 });
    expect(first.jobs).toEqual([expect.objectContaining({ id: job.id, status: 'continuing', slices: 1 })]);
    expect(first.more).toBe(true);
    expect(await readJob(db, job.id)).toMatchObject({ status: 'running', cursor: 3, leaseToken: null });
    const rest = await runDueJobs(db, { kinds: [writes] });
    expect(rest.jobs).toEqual([expect.objectContaining({ id: job.id, status: 'done', slices: 2 })]);
    expect(await written(db, job.id)).toEqual({ n: 9, distinct: 9, max: 9 });
  });

  it('runs the alerts as a recurring job at seven in the morning in the company’s time zone', async () => {
    const next = async (timezone: string) =>
      (
        await selectRows<{ id: number; local: string; runAt: string }>(
          db,
          sql`select id::float8 as id, to_char(run_at at time zone ${timezone}, 'HH24:MI') as local,
            run_at::text as "runAt" from jobs where key = 'schedule:alerts' and status = 'queued'`,
        )
      )[0];
    await runDueJobs(db);
    expect((await next('UTC'))?.local).toBe('07:00');
    // The company moves: the next run is seven in the morning there.
    await setSettings(db, { timezone: 'America/New_York' });
    await runDueJobs(db);
    const scheduled = await next('America/New_York');
    expect(scheduled?.local).toBe('07:00');
    const wait = new Date(defined(scheduled).runAt).getTime() - Date.now();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(24 * 3600_000);

    await dueNow(db, defined(scheduled).id);
    const tick = await runDueJobs(db);
    expect(tick.jobs).toEqual([
      expect.objectContaining({ id: defined(scheduled).id, kind: 'alerts', status: 'scheduled' }),
    ]);
    const [entry] = await selectRows<{ action: string; userId: number | null; details: string }>(
      db,
      sql`select action, user_id as "userId", details from audit_log where action = 'alerts.run' order by id desc limit 1`,
    );
    expect(entry).toMatchObject({ action: 'alerts.run', userId: null });
    expect(JSON.parse(defined(entry).details)).toMatchObject({ by: 'schedule', count: expect.any(Number) });
    const after = defined(await readJob(db, defined(scheduled).id));
    expect(after).toMatchObject({ status: 'queued', cron: '0 7 * * *', cursor: null });
    expect(after.result).toMatchObject({
      count: expect.any(Number),
      quarter: expect.stringMatching(/^\d{4}-Q\d$/),
    });
    expect(new Date(after.runAt).getTime()).toBeGreaterThan(Date.now());
    expect(defined(tick.jobs[0]).nextRunAt).toBe(new Date(after.runAt).toISOString());
    await setSettings(db, { timezone: 'UTC' });
  });
});
