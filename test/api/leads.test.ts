import { touches } from '@salesready/db/schema/index';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('GET /api/leads and /api/leads/:id (drill-down)', () => {
  let t: TestApp;
  let cookie: string;
  let paid: number;
  const get = async (path: string) => {
    const res = await t.app.request(path, { headers: { cookie } });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    t = await openTestApp();
    ({ paid } = await seedQuarterFixture(t.handle.db));
    cookie = await signedInCookie(t);
  });
  afterAll(() => t?.close());

  it('lists the leads created in the quarter, newest first, with the total', async () => {
    const { status, body } = await get('/api/leads?quarter=2026-Q1');
    expect(status).toBe(200);
    expect(body.total).toBe(8);
    expect(body.rows.map((r: { externalId: string }) => r.externalId)).toEqual([
      'L3',
      'L9',
      'L5',
      'L8',
      'L11',
      'L10',
      'L7',
      'L1',
    ]);
    expect(body.rows.find((r: { externalId: string }) => r.externalId === 'L8')).toMatchObject({
      source: 'Partner referrals',
      category: 'partner',
      stage: 'won',
      amount: 1000,
    });
  });

  it('drills down from "sales-ready leads in the quarter of one source"', async () => {
    const { body } = await get(
      `/api/leads?quarter=2026-Q1&dateStage=salesReady&source=${paid}&sort=createdAt&order=asc`,
    );
    // Paid leads that became sales-ready in the quarter: L6, L1, L7, L10 (by creation).
    expect(body.rows.map((r: { externalId: string }) => r.externalId)).toEqual(['L6', 'L1', 'L7', 'L10']);
    expect(body.total).toBe(4);
  });

  it('sums the deal amount of every lead that matches, the door of won revenue showing the same amount', async () => {
    // Won in the quarter: L8 (1000) and L9 (500, won before it was created) → 1500, the fixture's won revenue.
    const won = await get('/api/leads?quarter=2026-Q1&dateStage=won&pageSize=1');
    expect(won.body).toMatchObject({ total: 2, amount: 1500 });
    expect(won.body.rows).toHaveLength(1);
    const paidWon = await get(`/api/leads?quarter=2026-Q1&dateStage=won&source=${paid}`);
    expect(paidWon.body).toMatchObject({ total: 1, amount: 500 });
    expect((await get('/api/leads?quarter=2025-Q1')).body).toMatchObject({ total: 0, amount: 0 });
  });

  it('drills down from a cohort-view count: created in the quarter and reached a stage at any time', async () => {
    // Created in the quarter and sales-ready by now: L1, L5, L7, L10.
    const { body } = await get('/api/leads?quarter=2026-Q1&reached=salesReady&sort=createdAt&order=asc');
    expect(body.rows.map((r: { externalId: string }) => r.externalId)).toEqual(['L1', 'L7', 'L10', 'L5']);
    expect(body.rows[0].sourceId).toBe(paid);
  });

  it('lists the values each filter can take, with lead counts', async () => {
    const { status, body } = await get('/api/leads/dimensions');
    expect(status).toBe(200);
    expect(body.sources).toEqual([
      { id: paid, name: 'Paid search', category: 'marketing', leads: 7 },
      { id: expect.any(Number), name: 'Partner referrals', category: 'partner', leads: 4 },
    ]);
    expect(body.owners).toEqual([]);
  });

  it('filters by current stage and searches, and pages', async () => {
    expect((await get('/api/leads?quarter=2026-Q1&stage=won')).body.total).toBe(2);
    expect(
      (await get('/api/leads?quarter=2026-Q1&q=L1')).body.rows
        .map((r: { externalId: string }) => r.externalId)
        .sort(),
    ).toEqual(['L1', 'L10', 'L11']);
    const page2 = await get('/api/leads?quarter=2026-Q1&pageSize=3&page=2');
    expect(page2.body.rows).toHaveLength(3);
    expect(page2.body.total).toBe(8);
  });

  it('shows one lead with its stages and touches in time order', async () => {
    const { body: list } = await get('/api/leads?quarter=2026-Q1&q=L7');
    const id = list.rows[0].id;
    await t.handle.db.insert(touches).values([
      { leadId: id, occurredAt: new Date('2025-03-03T10:00:00Z'), kind: 'call', actor: 'sales' },
      {
        leadId: id,
        occurredAt: new Date('2025-02-25T10:00:00Z'),
        kind: 'email',
        channel: 'paid search',
        actor: 'marketing',
      },
    ]);
    const { status, body } = await get(`/api/leads/${id}`);
    expect(status).toBe(200);
    // L7 was marked sales-ready (Feb 20) before it was created (Mar 1): the timeline shows the real order.
    expect(body.lead.stages).toEqual([
      { stage: 'salesReady', at: '2025-02-20T12:00:00Z' },
      { stage: 'lead', at: '2025-03-01T12:00:00Z' },
    ]);
    expect(body.lead.touches.map((x: { kind: string }) => x.kind)).toEqual(['email', 'call']);
    const after = await get(`/api/leads?quarter=2026-Q1&q=L7`);
    expect(after.body.rows[0].lastTouchAt).toBe('2025-03-03T10:00:00Z');
  });

  it('refuses bad parameters and unknown leads', async () => {
    for (const q of ['stage=nope', 'sort=password', 'pageSize=100000', 'page=0', 'dateStage=x', 'bogus=1']) {
      const { status, body } = await get(`/api/leads?${q}`);
      expect(status, q).toBe(400);
      expect(body.error.code).toBe('bad_request');
    }
    expect((await get('/api/leads/999999')).status).toBe(404);
    expect((await get('/api/leads/abc')).status).toBe(400);
    const anonymous = await t.app.request('/api/leads');
    expect(anonymous.status).toBe(401);
    await t.handle.db.execute(sql`select 1`);
  });
});
