import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { addMetricLeads, type MetricLead } from '../helpers/metrics-factories';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

/** `n` Paid leads created from `day`, an hour apart, each sales-ready `days` later. */
function srls(paid: number, day: string, n: number, days: number): MetricLead[] {
  return Array.from({ length: n }, (_, i) => {
    const created = Date.parse(`${day}T00:00:00Z`) + i * 3_600_000;
    return {
      externalId: `${day}-${i}`,
      sourceId: paid,
      createdAt: new Date(created).toISOString(),
      crmSalesReadyAt: new Date(created + days * 86_400_000).toISOString(),
    };
  });
}

describeOnBackend('GET /api/metrics/speed and /api/metrics/changes', () => {
  let t: TestApp;
  let cookie: string;
  let paid: number;
  beforeAll(async () => {
    t = await openTestApp();
    await setSettings(t.handle.db, { fiscalYearStartMonth: 1, timezone: 'UTC' });
    paid = await addSource(t.handle.db, 'Paid search');
    // 2025-Q1: 10 SRLs, 4 days each; 2025-Q2: 20 SRLs, 10 of 2 days and 10 of 40 days.
    await addMetricLeads(t.handle.db, [
      ...srls(paid, '2025-01-10', 10, 4),
      ...srls(paid, '2025-04-10', 10, 2),
      ...srls(paid, '2025-05-10', 10, 40),
    ]);
    cookie = await signedInCookie(t);
  });
  afterAll(() => t?.close());

  const get = async (path: string) => {
    const res = await t.app.request(path, { headers: { cookie } });
    return { status: res.status, body: await res.json() };
  };

  it('answers the distribution, the figures by source and the period', async () => {
    const { status, body } = await get('/api/metrics/speed?quarter=2025-Q2');
    expect(status).toBe(200);
    expect(body.period).toEqual({ label: '2025-Q2', from: '2025-04-01', to: '2025-07-01' });
    // Ten at 2 days, ten at 40: the median falls between them, (2 + 40) / 2 = 21; p75 at 40.
    expect(body.totals).toEqual({
      salesReady: 20,
      measured: 20,
      medianDaysToSalesReady: 21,
      p75DaysToSalesReady: 40,
      medianTouchesToSalesReady: 0,
      touchesToSalesReady7To15Share: 0,
    });
    expect(body.days.map((d: { leads: number }) => d.leads)).toEqual([0, 10, 0, 0, 0, 10, 0, 0]);
    expect(body.touches[0]).toEqual({ touches: 0, orMore: false, leads: 20 });
    expect(body.bySource).toEqual([expect.objectContaining({ sourceId: paid, source: 'Paid search' })]);
    const overview = await get('/api/metrics/overview?quarter=2025-Q2');
    expect(body.totals.medianDaysToSalesReady).toBe(overview.body.kpis.medianDaysToSalesReady.value);
    expect(body.totals.p75DaysToSalesReady).toBe(overview.body.details.p75DaysToSalesReady.value);
  });

  it('puts the largest change against the previous quarter in words', async () => {
    const { status, body } = await get('/api/metrics/changes?quarter=2025-Q2');
    expect(status).toBe(200);
    expect(body.previous).toEqual({ label: '2025-Q1', from: '2025-01-01', to: '2025-04-01' });
    expect(body.totals.salesReady).toEqual({ current: 20, previous: 10 });
    expect(body.changes).toEqual([
      expect.objectContaining({
        metric: 'salesReady',
        sourceId: paid,
        change: 10,
        relativeChange: 1,
        effect: 1,
        text: 'Paid search SRLs +100% vs last quarter (20 vs 10)',
      }),
    ]);
    const range = await get('/api/metrics/changes?from=2025-04-01&to=2025-07-01');
    expect(range.body.changes[0].text).toBe('Paid search SRLs +100% vs the previous period (20 vs 10)');
    const filtered = await get(`/api/metrics/changes?quarter=2025-Q2&category=partner`);
    expect(filtered.body.changes).toEqual([]);
  });

  it.each([
    ['speed?quarter=2025-Q5', 'quarter'],
    ['speed?from=2025-04-01', 'to'],
    ['speed?source=424242', 'source'],
    ['speed?view=cohort', 'view'],
    ['changes?category=bogus', 'category'],
    ['changes?from=2025-07-01&to=2025-04-01', 'to'],
    ['changes?grain=week', 'grain'],
  ])('/%s → 400 naming %s', async (path, param) => {
    const { status, body } = await get(`/api/metrics/${path}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain(param);
  });

  it.each(['speed', 'changes'])('/%s refuses a request without a session', async (endpoint) => {
    const res = await t.app.request(`/api/metrics/${endpoint}`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});
