import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { addMetricLeads, addTouches, type MetricLead } from '../helpers/metrics-factories';
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
    const ids = await addMetricLeads(t.handle.db, [
      ...srls(paid, '2025-01-10', 10, 4),
      ...srls(paid, '2025-04-10', 10, 2),
      ...srls(paid, '2025-05-10', 10, 40),
    ]);
    // Three of the 40-day SRLs had 8 marketing touches on their way (days 1 to 8), plus a sales
    // touch each, which does not count.
    await addTouches(
      t.handle.db,
      [0, 1, 2].flatMap((i) => {
        const leadId = defined(ids.get(`2025-05-10-${i}`));
        const created = Date.parse('2025-05-10T00:00:00Z') + i * 3_600_000;
        const at = (days: number) => new Date(created + days * 86_400_000).toISOString();
        return [
          ...Array.from({ length: 8 }, (_, k) => ({ leadId, occurredAt: at(k + 1) })),
          { leadId, occurredAt: at(9), actor: 'sales' as const },
        ];
      }),
    );
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
      touchesToSalesReady7To15Share: 3 / 20,
    });
    expect(body.days.map((d: { leads: number }) => d.leads)).toEqual([0, 10, 0, 0, 0, 10, 0, 0]);
    expect(body.touches[0]).toEqual({ touches: 0, orMore: false, leads: 17 });
    expect(body.touches[8]).toEqual({ touches: 8, orMore: false, leads: 3 });
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
        text: 'Paid search SRLs +100% vs Q1 2025 (20 vs 10)',
      }),
    ]);
    const range = await get('/api/metrics/changes?from=2025-04-01&to=2025-07-01');
    expect(range.body.changes[0].text).toBe('Paid search SRLs +100% vs the previous period (20 vs 10)');
    const filtered = await get(`/api/metrics/changes?quarter=2025-Q2&category=partner`);
    expect(filtered.body.changes).toEqual([]);
  });

  it('drills down from every histogram bar to exactly the leads the bar counts', async () => {
    const { body } = await get('/api/metrics/speed?quarter=2025-Q2');
    const list = (range: string) =>
      get(`/api/leads?quarter=2025-Q2&dateStage=salesReady&${range}&pageSize=500`);
    for (const bar of body.days as { fromDays: number; toDays: number | null; leads: number }[]) {
      const leads = await list(`srDays=${bar.fromDays}-${bar.toDays ?? ''}`);
      expect(leads.status).toBe(200);
      expect([`${bar.fromDays}-${bar.toDays}`, leads.body.total]).toEqual([
        `${bar.fromDays}-${bar.toDays}`,
        bar.leads,
      ]);
    }
    for (const bar of body.touches as { touches: number; orMore: boolean; leads: number }[]) {
      const leads = await list(`srTouches=${bar.touches}-${bar.orMore ? '' : bar.touches}`);
      expect([bar.touches, leads.body.total]).toEqual([bar.touches, bar.leads]);
    }
    // The 2–3 day bar lists the ten leads of April, each sales-ready two days after creation.
    const two = await list('srDays=1-3');
    expect(two.body.rows.map((r: { externalId: string }) => r.externalId).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `2025-04-10-${i}`).sort(),
    );
    // The 8-touch bar: the three leads given eight marketing touches.
    const eight = await list('srTouches=8-8');
    expect(eight.body.rows.map((r: { externalId: string }) => r.externalId).sort()).toEqual([
      '2025-05-10-0',
      '2025-05-10-1',
      '2025-05-10-2',
    ]);
    // The export lists the same leads as the list.
    const csv = await t.app.request(
      '/api/exports/leads.csv?quarter=2025-Q2&dateStage=salesReady&srTouches=7-15&about=omit',
      { headers: { cookie } },
    );
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\n')).toHaveLength(1 + 3);
  });

  it.each([
    ['srDays=5-2', 'srDays', 'ends before it starts'],
    ['srDays=abc', 'srDays', 'range of days'],
    ['srTouches=-3', 'srTouches', 'range of touches'],
  ])('/api/leads?%s → 400 naming %s', async (query, param, message) => {
    const { status, body } = await get(`/api/leads?quarter=2025-Q2&${query}`);
    expect(status).toBe(400);
    const detail = body.error.details.find((d: { path: string }) => d.path === param);
    expect(detail.message).toContain(message);
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
