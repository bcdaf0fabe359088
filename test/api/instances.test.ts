import { createApp } from '@salesready/api/app';
import { figureCacheHeader } from '@salesready/api/figures/answers';
import { runDueJobs } from '@salesready/api/jobs/runner';
import { DatabaseRateLimitStore } from '@salesready/api/middleware/database-rate-limit-store';
import { createDb, type DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { addLeads, addSource, addUser } from '../helpers/factories';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { describeOnBackend, testBackend } from '../helpers/test-db';

/**
 * Two instances of the app on one PostgreSQL database, each with its own pool, as two serverless
 * instances or two servers behind a load balancer are (#18 item 5): nothing that decides an answer may
 * live in one instance's memory. (The embedded database has one server by construction.)
 */
describeOnBackend('two app instances on one database', () => {
  const skip = testBackend !== 'postgres';
  const name = uniqueName('sr_instances');
  let one: DbHandle;
  let two: DbHandle;
  let a: ReturnType<typeof createApp>;
  let b: ReturnType<typeof createApp>;
  let cookie = '';
  let webinars = 0;
  const instance = (handle: DbHandle) =>
    createApp({
      db: handle.db,
      driver: handle.driver,
      version: 'test',
      demo: false,
      rateLimitStore: new DatabaseRateLimitStore(handle.db),
    });
  const overview = '/api/metrics/overview?quarter=2026-Q1';
  const read = async (app: ReturnType<typeof createApp>) => {
    const res = await app.request(overview, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kpis: { leads: { value: number } } };
    return { cache: res.headers.get(figureCacheHeader), leads: body.kpis.leads.value };
  };

  beforeAll(async () => {
    if (skip) return;
    await withAdmin((c) => c.query(`create database ${name} template ${inject('postgresTemplate')}`));
    one = await createDb(databaseUrl(name), { driver: 'postgres' });
    two = await createDb(databaseUrl(name), { driver: 'postgres' });
    a = instance(one);
    b = instance(two);
    webinars = await addSource(one.db, 'Webinars');
    await addLeads(one.db, [
      {
        externalId: 'L1',
        createdAt: '2026-01-10T10:00:00Z',
        sourceId: webinars,
        bant: [true, true, true, true],
      },
      { externalId: 'L2', createdAt: '2026-02-10T10:00:00Z', sourceId: webinars },
    ]);
    await addUser(one.db, 'admin@example.com', 'a long test password', 'admin');
    const res = await a.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    cookie = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
  });
  afterAll(async () => {
    if (skip) return;
    await one?.close();
    await two?.close();
    await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
  });

  it.skipIf(skip)(
    'shares kept answers, and a write through one instance invalidates the other’s',
    async () => {
      // A session opened on one instance is good on the other.
      expect(await read(a)).toEqual({ cache: 'miss', leads: 2 });
      // Kept by the first instance, served by the second.
      expect(await read(b)).toEqual({ cache: 'hit', leads: 2 });
      // A write through instance A, over HTTP (a source renamed) and straight to its pool (a lead).
      const rename = await a.request(`/api/sources/${webinars}`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify({ name: 'Webinars and events' }),
      });
      expect(rename.status).toBe(200);
      expect((await read(b)).cache).toBe('miss');
      await addLeads(one.db, [{ externalId: 'L3', createdAt: '2026-03-10T10:00:00Z', sourceId: webinars }]);
      expect(await read(b)).toEqual({ cache: 'miss', leads: 3 });
      expect(await read(a)).toEqual({ cache: 'hit', leads: 3 });
    },
  );

  it.skipIf(skip)('runs a job queued through one instance from the other’s tick', async () => {
    const put = await a.request('/api/settings', {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ salesReadyBantThreshold: 1 }),
    });
    const { salesReadyJob } = (await put.json()) as { salesReadyJob: { id: number } };
    const tick = await runDueJobs(two.db);
    expect(tick.jobs).toContainEqual(expect.objectContaining({ id: salesReadyJob.id, status: 'done' }));
    const job = await a.request(`/api/jobs/${salesReadyJob.id}`, { headers: { cookie } });
    expect(((await job.json()) as { job: { status: string } }).job.status).toBe('done');
  });

  it.skipIf(skip)('counts sign-in attempts across instances', async () => {
    const attempt = (app: ReturnType<typeof createApp>) =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ email: 'admin@example.com', password: 'not the password' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt(i % 2 === 0 ? a : b)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    // The eleventh, on either instance, is over the limit of 10.
    expect((await attempt(b)).status).toBe(429);
    expect((await attempt(a)).status).toBe(429);
  });
});
