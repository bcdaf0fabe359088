import { defined } from '@salesready/db/defined';
import { imports } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generatedCsv, rows } from '../helpers/import-files';
import { cookieFor, uploadRequest } from '../helpers/import-http';
import { databaseUrl, withAdmin } from '../helpers/postgres-server';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { testBackend } from '../helpers/test-db';

// Connections are dropped with pg_terminate_backend on this file's own database, never a shared one.
const onPostgres = testBackend === 'postgres' && inject('postgresTemplate') !== null;

const post = (body: unknown, headers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe.skipIf(!onPostgres)('the database drops the app’s connections mid-request [postgres]', () => {
  let t: TestApp;
  let name: string;
  let admin: string;
  let bearer: string;
  beforeAll(async () => {
    t = await openTestApp();
    name = defined(
      (await rows<{ name: string }>(t.handle.db, sql`select current_database() as name`))[0],
    ).name;
    admin = await cookieFor(t, 'faults@example.com', 'admin');
    const res = await t.app.request('/api/tokens', {
      ...post({ name: 'faults' }, { cookie: admin }),
      headers: { 'content-type': 'application/json', cookie: admin, origin: 'http://localhost' },
    });
    bearer = `Bearer ${(await res.json()).token}`;
  });
  afterAll(() => t?.close());

  /** Waits for one of the app's backends to be in `waitEvent`, then terminates it; returns its pid. */
  async function terminateWhenWaiting(waitEvent: 'Lock' | 'PgSleep'): Promise<number> {
    return withAdmin(async (admin) => {
      for (let i = 0; i < 300; i++) {
        const { rows: found } = await admin.query<{ pid: number }>(
          `select pid from pg_stat_activity
           where datname = $1 and (wait_event_type = $2 or wait_event = $2) and query not like 'lock table%'`,
          [name, waitEvent],
        );
        if (found[0]) {
          await admin.query('select pg_terminate_backend($1)', [found[0].pid]);
          return found[0].pid;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no backend of ${name} waited on ${waitEvent}`);
    });
  }

  const slowInsertOn = (externalId: string) =>
    t.handle.db.execute(
      sql.raw(`create or replace function test_slow_insert() returns trigger language plpgsql as $$
        begin perform pg_sleep(60); return new; end $$;
        create trigger test_slow_insert before insert on leads for each row
          when (new.external_id = '${externalId}') execute function test_slow_insert()`),
    );
  const fastInserts = () => t.handle.db.execute(sql`drop trigger if exists test_slow_insert on leads`);
  const count = async (where: ReturnType<typeof sql>) =>
    defined(
      (await rows<{ n: number }>(t.handle.db, sql`select count(*)::int as n from leads where ${where}`))[0],
    ).n;

  it('answers a read cut off mid-query with a 503 envelope, then serves the next one', async () => {
    // Another session holds the settings table, so the request is mid-query when its connection goes.
    const locker = new pg.Client({ connectionString: databaseUrl(name) });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table settings in access exclusive mode');
    const pending = t.app.request('/api/settings', { headers: { cookie: admin } });
    await terminateWhenWaiting('Lock');
    const res = await pending;
    await locker.query('rollback');
    await locker.end();
    expect(res.status).toBe(503);
    const { error } = await res.json();
    expect(error).toMatchObject({
      code: 'unavailable',
      message: 'the database is unavailable; try again shortly',
    });
    expect(error.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(error.requestId).toBe(res.headers.get('x-request-id'));
    // The pool replaces the connection: no restart needed.
    expect((await t.app.request('/api/settings', { headers: { cookie: admin } })).status).toBe(200);
    expect((await t.app.request('/api/health')).status).toBe(200);
  });

  it('writes none of an ingestion batch cut off mid-write, and all of it when sent again', async () => {
    const leads = Array.from({ length: 5 }, (_, i) => ({
      externalId: `F${i + 1}`,
      originSystem: 'faults',
      createdAt: '2026-01-05',
      source: 'Fault Fair',
    }));
    await slowInsertOn('F3');
    const pending = t.app.request('/api/ingest/leads', post({ leads }, { authorization: bearer }));
    await terminateWhenWaiting('PgSleep');
    const res = await pending;
    await fastInserts();
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('unavailable');
    expect(await count(sql`origin_system = 'faults'`)).toBe(0);
    const [sources] = await rows<{ n: number }>(
      t.handle.db,
      sql`select count(*)::int as n from sources where name = 'Fault Fair'`,
    );
    expect(defined(sources).n).toBe(0);

    const retry = await t.app.request('/api/ingest/leads', post({ leads }, { authorization: bearer }));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ received: 5, inserted: 5 });
    expect(await count(sql`origin_system = 'faults'`)).toBe(5);
  });

  it('keeps the committed batches of an import cut off mid-batch, none of that batch, and marks it failed', async () => {
    const csv = generatedCsv(12_000);
    const form = {
      mapping: JSON.stringify({ externalId: 'id', createdAt: 'created', source: 'source', amount: 'amount' }),
      timezone: 'UTC',
      originSystem: 'cutoff',
      wait: 'true',
    };
    // Batches are 5,000 rows: the first commits, the second is cut off at L7000.
    await slowInsertOn('L7000');
    const pending = t.app.request('/api/imports', uploadRequest(admin, csv, form));
    await terminateWhenWaiting('PgSleep');
    const res = await pending;
    await fastInserts();
    const { error } = await res.json();
    // The import broke off after some rows were stored: an internal failure naming where to resume.
    expect(res.status).toBe(500);
    expect(error.message).toMatch(
      /^import \d+ failed: the import stopped at line 5002: (terminating connection due to administrator command|Connection terminated unexpectedly)\. The 5,000 rows before it are stored/,
    );
    expect(await count(sql`origin_system = 'cutoff'`)).toBe(5000);
    const id = Number(defined(/import (\d+)/.exec(error.message))[1]);
    const [row] = await t.handle.db.select().from(imports).where(eq(imports.id, id));
    expect(row).toMatchObject({ status: 'failed', read: 5000, inserted: 5000 });
    expect(defined(row).finishedAt).not.toBeNull();

    // Run again: the rest goes in, nothing twice.
    const again = await t.app.request('/api/imports', uploadRequest(admin, csv, form));
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ status: 'completed', inserted: 7000, unchanged: 5000 });
    expect(await count(sql`origin_system = 'cutoff'`)).toBe(12_000);
  });
});
