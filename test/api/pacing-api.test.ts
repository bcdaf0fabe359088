import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { findNonFinite, insertFunnelLeads, insertTargets, leadSeries } from '../helpers/pacing-fixtures';
import { cookieFor, thisQuarter } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Same leads as the linear-fallback case in test/db/pacing-figures.test.ts: source A a lead a day,
// B two a day, from 2026-01-01; targets 300 leads overall, 100 for A.
describeOnBackend('GET /api/metrics/pacing', () => {
  let t: TestApp;
  let cookie: string;
  let a: number;
  const get = (path: string) => t.app.request(path, { headers: { cookie } });

  beforeAll(async () => {
    t = await openTestApp();
    a = await addSource(t.handle.db, 'Source A');
    const b = await addSource(t.handle.db, 'Source B');
    await insertFunnelLeads(t.handle.db, [
      ...leadSeries('a', '2026-01-01T12:00:00Z', 30, 24, { sourceId: a }),
      ...leadSeries('b1', '2026-01-01T12:00:00Z', 30, 24, { sourceId: b }),
      ...leadSeries('b2', '2026-01-01T13:00:00Z', 30, 24, { sourceId: b }),
    ]);
    await insertTargets(t.handle.db, [
      { quarter: '2026-Q1', metric: 'leads', value: 300 },
      { quarter: '2026-Q1', metric: 'leads', sourceId: a, value: 100 },
    ]);
    cookie = await cookieFor(t, 'board');
  });
  afterAll(() => t?.close());

  it('serves a quarter as of a day, with the gap explained and what closing it takes', async () => {
    const res = await get('/api/metrics/pacing?quarter=2026-Q1&asOf=2026-01-30');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(findNonFinite(body)).toEqual([]);
    expect(body).toMatchObject({
      quarter: { label: '2026-Q1', from: '2026-01-01', to: '2026-04-01' },
      asOf: '2026-01-30',
      timezone: 'UTC',
      daysElapsed: 30,
      daysInQuarter: 90,
      weeksRemaining: 8.6,
      history: { quarters: [], shape: 'linear' },
    });
    expect(Object.keys(body.metrics)).toEqual(['leads', 'salesReady', 'pipeline', 'revenue']);
    const leads = body.metrics.leads;
    expect(leads.unit).toBe('count');
    expect(leads.overall).toMatchObject({ target: 300, actualToDate: 90, projection: 270, gap: 30 });
    expect(leads.overall.pacing).toBeCloseTo(0.9, 9);
    expect(leads.sources.map((s: { source: string }) => s.source)).toEqual(['Source A', 'Source B']);
    expect(leads.explained.largest).toMatchObject({ source: 'Source A', basis: 'own', gap: 10 });
    expect(leads.closing.perWeek).toBeCloseTo(30 / (60 / 7), 9);
    expect(body.metrics.pipeline).toMatchObject({ unit: 'amount', explained: null, closing: null });
    expect(body.nextQuarter).toMatchObject({ quarter: '2026-Q2', revenueTarget: null });
  });

  it('shares the gap among the short rows only, the source ahead as an offset', async () => {
    const body = await (await get('/api/metrics/pacing?quarter=2026-Q1&asOf=2026-01-30')).json();
    expect(body.closed).toBe(false);
    // A short by 10 against its own 100; B (no target, no history) ahead by 180 against 0; the 200
    // of the overall target no source holds short. Shortfall 210, offset 180, gap 30.
    const e = body.metrics.leads.explained;
    expect(e.shortfall).toBeCloseTo(210, 9);
    expect(e.offset).toBeCloseTo(180, 9);
    expect(e.gap).toBeCloseTo(30, 9);
    const share = (source: string) => e.rows.find((r: { source: string }) => r.source === source).shareOfGap;
    expect(share('Source A')).toBeCloseTo(10 / 210, 9);
    expect(share('(target not allocated to a source)')).toBeCloseTo(200 / 210, 9);
    expect(share('Source B')).toBeNull();
    expect(e.coveredBy).toHaveLength(1);
    expect(e.coveredBy[0]).toMatchObject({ source: 'Source B', basis: 'none' });
    expect(e.coveredBy[0].surplus).toBeCloseTo(180, 9);
  });

  it('reads a quarter that has ended as closed: gap = target − actual, nothing projected', async () => {
    // 2026-Q1 is over as of today: the default as-of day is today, in the company's time zone.
    const body = await (await get('/api/metrics/pacing?quarter=2026-Q1')).json();
    expect(body).toMatchObject({ closed: true, daysElapsed: 90, daysInQuarter: 90, weeksRemaining: 0 });
    expect(body.asOf).toBe(new Date().toISOString().slice(0, 10));
    const leads = body.metrics.leads;
    expect(leads.overall).toMatchObject({
      target: 300,
      actualToDate: 90,
      projection: 90,
      projectionLow: 90,
      projectionHigh: 90,
      gap: 300 - 90,
    });
    expect(leads.closing).toBeNull();
    for (const f of leads.sources) {
      expect(f.projection).toBe(f.actualToDate);
      if (f.target !== null) expect(f.gap).toBe(f.target - f.actualToDate);
    }
  });

  it('filters by source: the overall target becomes the sum of the selected sources’ own', async () => {
    const body = await (await get(`/api/metrics/pacing?quarter=2026-Q1&asOf=2026-01-30&source=${a}`)).json();
    expect(body.metrics.leads.sources.map((s: { source: string }) => s.source)).toEqual(['Source A']);
    expect(body.metrics.leads.overall).toMatchObject({
      target: 100,
      actualToDate: 30,
      projection: 90,
      gap: 10,
    });
  });

  it('defaults to the current fiscal quarter as of today', async () => {
    const res = await get('/api/metrics/pacing');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.quarter.label).toBe(thisQuarter().label);
    expect(body.asOf).toBe(new Date().toISOString().slice(0, 10));
    expect(findNonFinite(body)).toEqual([]);
  });

  it.each([
    ['from=2026-01-01&to=2026-02-01', 'from'],
    ['quarter=2026-Q5', 'quarter'],
    ['quarter=2026-Q1&asOf=2026-02-30', 'asOf'],
    ['quarter=2026-Q1&asof=2026-02-01', 'asof'],
    ['quarter=2026-Q1&source=999999', 'source'],
    ['quarter=2026-Q1&category=blog', 'category'],
  ])('refuses %s with 400 naming %s', async (query, param) => {
    const res = await get(`/api/metrics/pacing?${query}`);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('bad_request');
    expect(error.details.map((d: { path: string }) => d.path)).toContain(param);
  });

  it.each([
    ['GET', '/api/metrics/pacing'],
    ['GET', '/api/metrics/alerts'],
    ['POST', '/api/metrics/alerts/run'],
    ['GET', '/api/metrics/handoff'],
    ['GET', '/api/metrics/handoff/neglected'],
    ['GET', '/api/metrics/handoff/stalled'],
  ])('refuses %s %s without a session, and with a forged one', async (method, path) => {
    const origin = 'http://localhost';
    expect((await t.app.request(path, { method, headers: { origin } })).status).toBe(401);
    const forged = await t.app.request(path, {
      method,
      headers: { origin, cookie: 'sr_session=srs_forged' },
    });
    expect(forged.status).toBe(401);
  });
});
