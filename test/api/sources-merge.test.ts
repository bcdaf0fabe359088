import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { writeTouches } from '@salesready/db/import/write-touches';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, addUser } from '../helpers/factories';
import { addMetricLeads, addSpend } from '../helpers/metrics-factories';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('sources: matching raw names, remembering the choices, merging', () => {
  let t: TestApp;
  let cookie: string;
  let paid: number;
  let ppc: number;
  let webinars: number;

  const send = (method: string, path: string, body: unknown) =>
    t.app.request(path, {
      method,
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await openTestApp();
    await addUser(t.handle.db, 'admin@example.com', 'a long test password', 'admin');
    const login = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    cookie = defined(defined(login.headers.get('set-cookie')).split(';')[0]);
    paid = await addSource(t.handle.db, 'Paid search');
    ppc = await addSource(t.handle.db, 'PPC');
    webinars = await addSource(t.handle.db, 'Webinars');
    await addMetricLeads(t.handle.db, [
      { externalId: 'a', createdAt: '2025-02-03T10:00:00Z', sourceId: ppc },
      { externalId: 'b', createdAt: '2025-02-04T10:00:00Z', sourceId: ppc },
      { externalId: 'c', createdAt: '2025-02-05T10:00:00Z', sourceId: paid },
    ]);
    await addSpend(t.handle.db, ppc, '2025-02-01', 500);
  });
  afterAll(() => t?.close());

  it('says which source each raw name joins, and how', async () => {
    const res = await send('POST', '/api/sources/match', {
      names: ['paid_search', 'Webinar', 'Podcasts', 'Paid Search '],
    });
    expect(res.status).toBe(200);
    expect((await res.json()).matches).toEqual([
      { name: 'paid_search', sourceId: paid, sourceName: 'Paid search', how: 'spelling' },
      { name: 'Webinar', sourceId: webinars, sourceName: 'Webinars', how: 'synonym' },
      { name: 'Podcasts', sourceId: null, sourceName: null, how: 'new' },
      { name: 'Paid Search', sourceId: paid, sourceName: 'Paid search', how: 'name' },
    ]);
  });

  it('remembers the choices as aliases, or as new sources, and audits them', async () => {
    const res = await send('PUT', '/api/sources/aliases', {
      aliases: [
        { name: 'Webinar', sourceId: paid },
        { name: 'Podcasts', sourceId: null },
      ],
    });
    expect(res.status).toBe(200);
    const { aliases } = await res.json();
    expect(aliases.map((a: { sourceName: string; created: boolean }) => [a.sourceName, a.created])).toEqual([
      ['Paid search', false],
      ['Podcasts', true],
    ]);
    const match = await send('POST', '/api/sources/match', { names: ['webinar', 'podcasts'] });
    expect(
      (await match.json()).matches.map((m: { sourceName: string; how: string }) => [m.sourceName, m.how]),
    ).toEqual([
      ['Paid search', 'alias'],
      ['Podcasts', 'name'],
    ]);
    const [entry] = await selectRows<{ details: string }>(
      t.handle.db,
      sql`select details from audit_log where action = 'source.alias'`,
    );
    expect(JSON.parse(defined(entry).details).aliases).toHaveLength(2);
  });

  it('refuses a choice naming no source, saying where, and keeps none of the request', async () => {
    const res = await send('PUT', '/api/sources/aliases', {
      aliases: [
        { name: 'Cold calls', sourceId: paid },
        { name: 'Trade fairs', sourceId: 99_999 },
      ],
    });
    expect(res.status).toBe(404);
    const { error } = await res.json();
    expect(error.message).toBe('no source has id 99999');
    expect(error.details).toEqual([{ path: 'aliases.1.sourceId', message: 'no source has id 99999' }]);
    const kept = await selectRows(t.handle.db, sql`select 1 from source_aliases where key = 'cold calls'`);
    expect(kept).toEqual([]);
  });

  it('merges a source into another: leads and spend move, an alias stays, and the log says so', async () => {
    const res = await send('POST', `/api/sources/${ppc}/merge`, { into: paid });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.moved).toEqual({ leads: 2, spendMonths: 1, targets: 0, touches: 0, aliases: 0 });
    const counts = await selectRows<{ source_id: number; n: number }>(
      t.handle.db,
      sql`select source_id, count(*)::int as n from leads group by source_id`,
    );
    expect(counts).toEqual([{ source_id: paid, n: 3 }]);
    const spend = await selectRows(t.handle.db, sql`select source_id, amount::float8 from spend`);
    expect(spend).toEqual([{ source_id: paid, amount: 500 }]);
    const sources = await (await t.app.request('/api/sources', { headers: { cookie } })).json();
    expect(sources.sources.map((s: { name: string }) => s.name)).not.toContain('PPC');
    const [entry] = await selectRows<{ target: string; details: string }>(
      t.handle.db,
      sql`select target, details from audit_log where action = 'source.merge'`,
    );
    expect(defined(entry).target).toBe(`source:${ppc}`);
    expect(JSON.parse(defined(entry).details)).toMatchObject({
      from: 'PPC',
      into: { id: paid, name: 'Paid search' },
    });
  });

  it("stores a later touch naming the merged source, or another spelling of one, under the source's name", async () => {
    const touch = (externalId: string, leadExternalId: string, day: string, channel: string | null) => ({
      externalId,
      leadExternalId,
      occurredAt: new Date(`${day}T10:00:00Z`),
      kind: channel ? 'click' : 'call',
      channel,
      actor: channel ? ('marketing' as const) : ('sales' as const),
      originSystem: 'test',
    });
    const first = touch('t1', 'a', '2025-02-06', 'PPC');
    const result = await writeTouches(t.handle.db, [
      first,
      touch('t2', 'a', '2025-02-07', ' paid_search '),
      touch('t3', 'b', '2025-02-07', 'Newsletter'),
      touch('t4', 'b', '2025-02-08', null),
    ]);
    expect(result).toMatchObject({ inserted: 4, unknownLeads: [] });
    const stored = await selectRows<{ external_id: string; channel: string | null }>(
      t.handle.db,
      sql`select external_id, channel from touches order by external_id`,
    );
    expect(stored).toEqual([
      { external_id: 't1', channel: 'Paid search' },
      { external_id: 't2', channel: 'Paid search' },
      { external_id: 't3', channel: 'Newsletter' },
      { external_id: 't4', channel: null },
    ]);
    // Sent again, nothing changes.
    expect(await writeTouches(t.handle.db, [first])).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it('answers a merge into itself with 400 and into a missing source with 404, naming the field', async () => {
    const self = await send('POST', `/api/sources/${paid}/merge`, { into: paid });
    expect(self.status).toBe(400);
    expect((await self.json()).error).toMatchObject({
      message: 'a source cannot be merged into itself',
      details: [{ path: 'into' }],
    });
    const missing = await send('POST', `/api/sources/${paid}/merge`, { into: 424_242 });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.details).toEqual([
      { path: 'into', message: 'no source has id 424242' },
    ]);
    const bad = await send('POST', `/api/sources/${paid}/merge`, { into: 'Webinars' });
    expect(bad.status).toBe(400);
  });
});
