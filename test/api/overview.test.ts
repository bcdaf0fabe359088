import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertTargets } from '../helpers/pacing-fixtures';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('GET /api/metrics/overview and /trend', () => {
  let t: TestApp;
  let cookie: string;
  const get = (path: string) => t.app.request(path, { headers: { cookie } });

  beforeAll(async () => {
    t = await openTestApp();
    await seedQuarterFixture(t.handle.db);
    cookie = await signedInCookie(t);
  });
  afterAll(() => t?.close());

  it('serves the fiscal quarter with its previous quarter and the year before', async () => {
    const res = await get('/api/metrics/overview?quarter=2026-Q1');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.period).toEqual({ label: '2026-Q1', from: '2025-02-01', to: '2025-05-01' });
    expect(body.previous).toEqual({ label: '2025-Q4', from: '2024-11-01', to: '2025-02-01' });
    expect(body.yearAgo).toEqual({ label: '2025-Q1', from: '2024-02-01', to: '2024-05-01' });
    expect(body.timezone).toBe('America/New_York');
    expect(body.kpis).toEqual({
      leads: { value: 8, previous: 2, yearAgo: 0 },
      salesReady: { value: 5, previous: 0, yearAgo: 0 },
      salesReadyRate: { value: 0.5, previous: 0.5, yearAgo: null },
      medianDaysToSalesReady: { value: 7, previous: null, yearAgo: null },
      wonRevenue: { value: 1500, previous: 0, yearAgo: 0 },
    });
  });

  it('compares the quarter in progress with the same number of days of the other quarters', async () => {
    const body = await (await get('/api/metrics/overview')).json();
    const day = 86_400_000;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
    const elapsed = (Date.parse(today) - Date.parse(body.period.from)) / day + 1;
    expect(body.daysElapsed).toBe(elapsed);
    expect((Date.parse(body.previous.to) - Date.parse(body.previous.from)) / day).toBe(elapsed);
    expect((Date.parse(body.yearAgo.to) - Date.parse(body.yearAgo.from)) / day).toBe(elapsed);
    const closed = await (await get('/api/metrics/overview?quarter=2026-Q1')).json();
    expect(closed.daysElapsed).toBeNull();
  });

  it('serves a date range, compared with the same length before it', async () => {
    const body = await (await get('/api/metrics/overview?from=2025-02-01&to=2025-03-01')).json();
    expect(body.previous).toMatchObject({ from: '2025-01-04', to: '2025-02-01' });
    // L1 (Feb 1) is the only lead created in February; L6 and L2 fall in the previous 28 days.
    expect(body.kpis.leads).toEqual({ value: 1, previous: 2, yearAgo: 0 });
  });

  it('serves the weekly trend with the quarter targets', async () => {
    const body = await (await get('/api/metrics/trend?quarter=2026-Q1')).json();
    expect(body.points).toHaveLength(13);
    expect(body.points[0]).toEqual({ weekStart: '2025-02-01', leads: 1, salesReady: 1 });
    expect(body.targets).toEqual({ leads: null, salesReady: null });
  });

  it("gives the quarter's targets to its weeks, and none to the sparklines' recent weeks", async () => {
    await insertTargets(t.handle.db, [
      { quarter: '2026-Q1', metric: 'leads', value: 120 },
      { quarter: '2026-Q1', metric: 'sales_ready', value: 40 },
    ]);
    const quarter = await (await get('/api/metrics/trend?quarter=2026-Q1')).json();
    expect(quarter.targets).toEqual({ leads: 120, salesReady: 40 });
    // The last 13 whole weeks reach back into the quarter before: one quarter's targets do not apply.
    const res = await get('/api/metrics/trend?quarter=2026-Q1&recentWeeks=13&series=all');
    expect(res.status).toBe(200);
    const recent = await res.json();
    expect(recent.points).toHaveLength(13);
    expect(recent.targets).toBeNull();
  });

  it.each([
    ['quarter=2026-Q5', 'quarter'],
    ['quarter=Q1-2026', 'quarter'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['from=2026-03-01', 'to'],
    ['from=2026-03-01&to=2026-02-01', 'to'],
    ['from=2010-01-01&to=2026-01-01', 'to'],
    ['quarter=2026-Q1&from=2026-01-01&to=2026-02-01', 'quarter'],
  ])('refuses %s with 400 naming %s', async (query, param) => {
    const res = await get(`/api/metrics/overview?${query}`);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('bad_request');
    expect(error.details.map((d: { path: string }) => d.path)).toContain(param);
  });
});
