import { figureCacheHeader } from '@salesready/api/figures/answers';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addLeads, addSource, addUser } from '../helpers/factories';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Answers kept per data version (docs/decisions/0011): a repeated read is served from the cache and is
// byte for byte the computed answer; any write the figures can see makes the next read compute afresh.
describeOnBackend('figures kept for their data version', () => {
  let t: TestApp;
  let cookie: string;
  let admin: string;
  let webinars: number;
  const overview = '/api/metrics/overview?quarter=2026-Q1&segment=Enterprise';
  const get = (path: string) => t.app.request(path, { headers: { cookie } });
  const send = (method: string, path: string, body: unknown) =>
    t.app.request(path, {
      method,
      headers: { cookie: admin, 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify(body),
    });
  const leadsKpi = async (path = overview) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return { cache: res.headers.get(figureCacheHeader), body: await res.json() };
  };

  beforeAll(async () => {
    t = await openTestApp();
    webinars = await addSource(t.handle.db, 'Webinars');
    await addLeads(t.handle.db, [
      { externalId: 'E1', createdAt: '2026-01-10T10:00:00Z', sourceId: webinars, segment: 'Enterprise' },
      { externalId: 'E2', createdAt: '2026-02-10T10:00:00Z', sourceId: webinars, segment: 'Enterprise' },
      { externalId: 'S1', createdAt: '2026-02-11T10:00:00Z', sourceId: webinars, segment: 'SMB' },
    ]);
    cookie = await signedInCookie(t);
    await addUser(t.handle.db, 'admin@example.com', 'admin password long', 'admin');
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin password long' }),
    });
    admin = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
  });
  afterAll(() => t?.close());

  it('serves a repeated read from the cache, identical to the computed answer', async () => {
    const first = await get(overview);
    const second = await get(overview);
    expect(first.headers.get(figureCacheHeader)).toBe('miss');
    expect(second.headers.get(figureCacheHeader)).toBe('hit');
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    const body = await first.text();
    expect(await second.text()).toBe(body);
    expect(JSON.parse(body).kpis.leads.value).toBe(2);
  });

  it('computes afresh after a new lead, and shows it', async () => {
    await leadsKpi();
    await addLeads(t.handle.db, [
      { externalId: 'E3', createdAt: '2026-03-01T10:00:00Z', sourceId: webinars, segment: 'Enterprise' },
    ]);
    const after = await leadsKpi();
    expect(after).toMatchObject({ cache: 'miss', body: { kpis: { leads: { value: 3 } } } });
    expect((await leadsKpi()).cache).toBe('hit');
  });

  it('computes afresh after a settings change through the API', async () => {
    const before = await leadsKpi('/api/metrics/overview?quarter=2026-Q1');
    expect(before.body.period).toMatchObject({ from: '2026-01-01', to: '2026-04-01' });
    // A fiscal year starting in February moves the quarter's days.
    expect((await send('PUT', '/api/settings', { fiscalYearStartMonth: 2 })).status).toBe(200);
    const after = await leadsKpi('/api/metrics/overview?quarter=2026-Q1');
    expect(after.cache).toBe('miss');
    expect(after.body.period).not.toEqual(before.body.period);
    expect((await send('PUT', '/api/settings', { fiscalYearStartMonth: 1 })).status).toBe(200);
  });

  it('keeps the pacing, and computes it afresh when a target changes', async () => {
    const path = '/api/metrics/pacing?quarter=2026-Q1&asOf=2026-03-15';
    const target = async () => (await (await get(path)).json()).metrics.leads.overall.target;
    expect(await target()).toBeNull();
    const saved = await send('PUT', '/api/targets', {
      targets: [{ quarter: '2026-Q1', metric: 'leads', value: 40 }],
    });
    expect(saved.status).toBe(200);
    expect(await target()).toBe(40);
    // The kept answer is the one a fresh computation gives.
    const kept = await (await get(path)).text();
    await t.handle.db.execute(sql`delete from figure_cache`);
    expect(await (await get(path)).text()).toBe(kept);
  });

  it('does not keep answers that depend on the time of day', async () => {
    for (const path of ['/api/metrics/cohorts', '/api/metrics/handoff', '/api/metrics/alerts']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get(figureCacheHeader), path).toBeNull();
    }
  });

  it('keeps no failed answer', async () => {
    const bad = '/api/metrics/overview?quarter=2026-Q9';
    expect((await get(bad)).status).toBe(400);
    const again = await get(bad);
    expect(again.status).toBe(400);
    expect(again.headers.get(figureCacheHeader)).toBeNull();
  });
});
