import { createApp } from '@salesready/api/app';
import { runDueJobs } from '@salesready/api/jobs/runner';
import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { readJob } from '@salesready/db/jobs/queue';
import { applySalesReadyRule } from '@salesready/db/sales-ready-rule';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addLeads, addUser, type LeadInput } from '../helpers/factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// A change of the sales-ready rule is saved at once and brought to every lead by the job ticks.
describeOnBackend('the sales-ready rule as a background job', () => {
  let handle: Awaited<ReturnType<typeof openTestDb>>;
  let db: Database;
  let cookie = '';
  const app = () => createApp({ db, driver: handle.driver, version: 'test', demo: false });

  beforeAll(async () => {
    handle = await openTestDb();
    db = handle.db;
    await addUser(db, 'admin@example.com', 'a long test password', 'admin');
    const res = await app().request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    cookie = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
  });
  afterAll(() => handle?.close());

  it('changes the sales-ready rule at once and brings every lead to it through the ticks, in batches, with progress', async () => {
    const rows: LeadInput[] = Array.from({ length: 60 }, (_, i) => ({
      externalId: `rule-${i}`,
      createdAt: `2026-0${1 + (i % 6)}-${String(1 + (i % 27)).padStart(2, '0')}T10:00:00Z`,
      mqlAt: i % 3 === 0 ? `2026-0${1 + (i % 6)}-28T10:00:00Z` : undefined,
      crmSalesReadyAt: i % 5 === 0 ? '2026-06-29T10:00:00Z' : undefined,
      bant: [i % 2 === 0, i % 3 !== 0, i % 4 !== 1, i % 7 !== 2],
    }));
    await addLeads(db, rows);
    const state = () =>
      selectRows<{ id: number; at: string | null }>(
        db,
        sql`select id::float8 as id, sales_ready_at::text as at from leads order by id`,
      );
    const before = await state();

    const admin = app();
    const put = await admin.request('/api/settings', {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ salesReadyBantThreshold: 2, useCrmSalesReady: false }),
    });
    expect(put.status).toBe(200);
    const answer = await put.json();
    expect(answer.settings).toMatchObject({ salesReadyBantThreshold: 2, useCrmSalesReady: false });
    expect(answer.salesReadyJob).toMatchObject({ status: 'queued', progress: null });
    // Saved, and no lead rewritten inside the request.
    expect(await state()).toEqual(before);

    // What the rule gives every lead, computed over the whole table in a transaction then rolled back.
    let expected: Awaited<ReturnType<typeof state>> = [];
    await db
      .transaction(async (tx) => {
        await applySalesReadyRule(tx as unknown as Database);
        expected = await selectRows(
          tx as unknown as Database,
          sql`select id::float8 as id, sales_ready_at::text as at from leads order by id`,
        );
        throw new Error('rolled back');
      })
      .catch((error: Error) => expect(error.message).toBe('rolled back'));
    expect(expected).not.toEqual(before);
    expect(await state()).toEqual(before);

    // Small batches, one slice a tick, so progress shows between them.
    const jobId = answer.salesReadyJob.id as number;
    await db.execute(sql`update jobs set payload = '{"batchSize": 25}' where id = ${jobId}`);
    const overview = () => admin.request('/api/metrics/overview?quarter=2026-Q2', { headers: { cookie } });
    expect((await overview()).headers.get('x-figure-cache')).toBe('miss');
    expect((await overview()).headers.get('x-figure-cache')).toBe('hit');

    const seen: { done: number; total: number }[] = [];
    for (let i = 0; i < 10; i++) {
      const tick = await runDueJobs(db, { budgetMs: 1 });
      if (tick.jobs.length === 0) break;
      const res = await admin.request(`/api/jobs/${jobId}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      const { job } = await res.json();
      expect(job).not.toHaveProperty('leaseToken');
      seen.push(job.progress);
      // Each committed slice changed the data: the kept overview is not served again.
      expect((await overview()).headers.get('x-figure-cache')).toBe('miss');
      if (job.status === 'done') break;
    }
    const total = before.length;
    expect(seen).toEqual([
      { done: 25, total },
      { done: 50, total },
      { done: 60, total },
    ]);
    expect(await state()).toEqual(expected);
    const settingsNow = await admin.request('/api/settings', { headers: { cookie } });
    expect((await settingsNow.json()).salesReadyJob).toMatchObject({
      id: jobId,
      status: 'done',
      progress: { done: 60, total },
    });

    // The rollups followed the leads: the overview's SRLs are the leads' own count.
    const [count] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from leads l, settings s
        where l.sales_ready_at >= '2026-04-01' and l.sales_ready_at < '2026-07-01'`,
    );
    const body = await (await overview()).json();
    expect(body.kpis.salesReady.value).toBe(defined(count).n);
  });

  it('restarts an unfinished re-application when the rule changes again, and answers jobs to admins only', async () => {
    const put = (body: unknown) =>
      app().request('/api/settings', {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify(body),
      });
    const one = await (await put({ salesReadyBantThreshold: 3 })).json();
    await db.execute(sql`update jobs set payload = '{"batchSize": 25}' where id = ${one.salesReadyJob.id}`);
    await runDueJobs(db, { budgetMs: 1 });
    expect((await readJob(db, one.salesReadyJob.id))?.cursor).not.toBeNull();
    const two = await (await put({ salesReadyBantThreshold: 4, useCrmSalesReady: true })).json();
    expect(two.salesReadyJob).toMatchObject({ id: one.salesReadyJob.id, status: 'running', progress: null });
    expect((await readJob(db, one.salesReadyJob.id))?.cursor).toBeNull();
    await runDueJobs(db);
    const [stale] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from leads l where l.sales_ready_at is distinct from (
        case when l.crm_sales_ready_at is not null then l.crm_sales_ready_at
          when l.bant_score >= 4 then coalesce(l.crm_sales_ready_at, l.mql_at, l.created_at) end)`,
    );
    expect(defined(stale).n).toBe(0);

    await addUser(db, 'exec@example.com', 'a long test password', 'executive');
    const login = await app().request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'exec@example.com', password: 'a long test password' }),
    });
    const exec = defined(defined(login.headers.get('set-cookie')).split(';')[0]);
    expect(
      (await app().request(`/api/jobs/${one.salesReadyJob.id}`, { headers: { cookie: exec } })).status,
    ).toBe(403);
    expect((await app().request(`/api/jobs/${one.salesReadyJob.id}`)).status).toBe(401);
    const missing = await app().request('/api/jobs/999999', { headers: { cookie } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('no job 999999');
    const list = await (await app().request('/api/jobs', { headers: { cookie } })).json();
    expect(list.jobs.length).toBeGreaterThan(5);
  });
});
