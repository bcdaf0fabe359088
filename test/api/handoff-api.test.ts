import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { insertFunnelLeads, insertTouches } from '../helpers/pacing-fixtures';
import { cookieFor, thisQuarter } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

// Relative to now: the lists are about who is waiting today.
describeOnBackend('GET /api/metrics/handoff, /neglected and /stalled', () => {
  let t: TestApp;
  let cookie: string;
  let paid: number;
  const get = (path: string) => t.app.request(path, { headers: { cookie } });

  beforeAll(async () => {
    t = await openTestApp();
    await setSettings(t.handle.db, { slaHours: 24, stalledDays: 7 });
    paid = await addSource(t.handle.db, 'Paid search');
    const web = await addSource(t.handle.db, 'Webinars');
    const created = thisQuarter().start.toISOString();
    const ids = await insertFunnelLeads(t.handle.db, [
      // Called after 2 h.
      { externalId: 'fast', createdAt: created, salesReadyAt: hoursAgo(30), sourceId: paid, owner: 'Ann' },
      // Waiting 40 h, 30 h and 20 h with nobody calling: two past the 24 h SLA.
      {
        externalId: 'w40',
        createdAt: created,
        salesReadyAt: hoursAgo(40),
        sourceId: paid,
        owner: 'Bob',
        company: 'Acme',
      },
      { externalId: 'w30', createdAt: created, salesReadyAt: hoursAgo(30), sourceId: web, owner: 'Ann' },
      { externalId: 'w20', createdAt: created, salesReadyAt: hoursAgo(20), sourceId: web, owner: 'Ann' },
      // Quiet for ten days at the opportunity stage: stalled (7 days).
      {
        externalId: 'quiet',
        createdAt: hoursAgo(24 * 40),
        salesReadyAt: hoursAgo(24 * 20),
        opportunityAt: hoursAgo(24 * 10),
        amount: 900,
        sourceId: paid,
      },
    ]);
    await insertTouches(t.handle.db, [
      { leadId: defined(ids[0]), occurredAt: hoursAgo(28), actor: 'sales' },
      { leadId: defined(ids[4]), occurredAt: hoursAgo(24 * 19.5), actor: 'sales' },
    ]);
    cookie = await cookieFor(t, 'executive');
  });
  afterAll(() => t?.close());

  it('reports speed to lead and the waiting counts for a period', async () => {
    expect((await get('/api/metrics/handoff')).status).toBe(200);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await get(`/api/metrics/handoff?from=${day(-60)}&to=${day(1)}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ slaHours: 24, stalledDays: 7, neglected: 2, stalled: 1 });
    // Called: fast after 2 h, quiet after 12 h; w40 and w30 past the SLA; w20 still inside it.
    expect(body.overall).toMatchObject({
      salesReady: 5,
      followedUp: 2,
      withinSla: 2,
      breached: 2,
      pending: 1,
    });
    expect(body.overall.medianHours).toBeCloseTo(7, 3);
    expect(body.bySource.map((s: { source: string }) => s.source)).toContain('Paid search');
    expect(body.reasons).toEqual([]);
  });

  it('pages the neglected list, longest waiting first', async () => {
    const first = await (await get('/api/metrics/handoff/neglected?pageSize=1')).json();
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1, slaHours: 24 });
    expect(first.rows).toHaveLength(1);
    expect(first.rows[0]).toMatchObject({
      externalId: 'w40',
      company: 'Acme',
      source: 'Paid search',
      owner: 'Bob',
    });
    expect(first.rows[0].hoursWaiting).toBeGreaterThan(39.9);
    const second = await (await get('/api/metrics/handoff/neglected?pageSize=1&page=2')).json();
    expect(second.rows.map((r: { externalId: string }) => r.externalId)).toEqual(['w30']);
    const filtered = await (await get(`/api/metrics/handoff/neglected?source=${paid}`)).json();
    expect(filtered.rows.map((r: { externalId: string }) => r.externalId)).toEqual(['w40']);
  });

  it('lists stalled leads', async () => {
    const body = await (await get('/api/metrics/handoff/stalled')).json();
    expect(body).toMatchObject({ total: 1, stalledDays: 7 });
    expect(body.rows[0]).toMatchObject({ externalId: 'quiet', stage: 'opportunity', amount: 900 });
    expect(body.rows[0].daysSinceActivity).toBeCloseTo(10, 1);
  });

  it.each([
    ['/api/metrics/handoff/neglected?pageSize=0', 'pageSize'],
    ['/api/metrics/handoff/neglected?page=abc', 'page'],
    ['/api/metrics/handoff/stalled?pageSize=501', 'pageSize'],
    ['/api/metrics/handoff?quarter=2026-Q9', 'quarter'],
    ['/api/metrics/handoff?limit=5', 'limit'],
  ])('refuses %s with 400 naming %s', async (path, param) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.details.map((d: { path: string }) => d.path)).toContain(param);
  });
});
