import { leads } from '@salesready/db/schema/index';
import { takeWeeklySnapshot } from '@salesready/db/snapshots/weekly-snapshot';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addLeads, addSource } from '../helpers/factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Three deals open at the end of 2026-03-01, a week of changes, then a snapshot at the end of 2026-03-08.
describeOnBackend('GET /api/metrics/pipeline-waterfall', () => {
  let t: TestApp;
  let cookie: string;
  let events: number;
  const get = (path: string) => t.app.request(path, { headers: { cookie } });

  beforeAll(async () => {
    t = await openTestApp();
    const { db } = t.handle;
    events = await addSource(db, 'Events');
    const opened = { createdAt: '2026-02-01T10:00:00Z', opportunityAt: '2026-02-10T10:00:00Z' };
    await addLeads(db, [
      { externalId: 'grows', ...opened, amount: 100, sourceId: events, owner: 'ana' },
      { externalId: 'wins', ...opened, amount: 300, owner: 'ben' },
      { externalId: 'slips', ...opened, amount: 50, sourceId: events, owner: 'ben' },
      {
        externalId: 'fresh',
        createdAt: '2026-03-04T10:00:00Z',
        opportunityAt: '2026-03-05T10:00:00Z',
        amount: 70,
      },
    ]);
    await db.update(leads).set({ expectedCloseOn: '2026-03-20' });
    await takeWeeklySnapshot(db, '2026-03-01', { now: new Date('2026-03-02T08:00:00Z') });
    await db.update(leads).set({ amount: 130 }).where(eq(leads.externalId, 'grows'));
    await db
      .update(leads)
      .set({ wonAt: new Date('2026-03-06T10:00:00Z'), status: 'won' })
      .where(eq(leads.externalId, 'wins'));
    await db.update(leads).set({ expectedCloseOn: '2026-04-10' }).where(eq(leads.externalId, 'slips'));
    await takeWeeklySnapshot(db, '2026-03-08', { now: new Date('2026-03-09T08:00:00Z') });
    cookie = await cookieFor(t, 'board');
  });
  afterAll(() => t?.close());

  it('answers the movements between two snapshots for a quarter, by source and owner', async () => {
    const res = await get('/api/metrics/pipeline-waterfall?from=2026-03-01&to=2026-03-08&quarter=2026-Q1');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ from: '2026-03-01', to: '2026-03-08', quarter: '2026-Q1', timezone: 'UTC' });
    expect(body.basis).toEqual({ from: 'snapshot', to: 'snapshot' });
    expect(body.overall).toMatchObject({
      starting: 450,
      new: 70,
      pulledIn: 0,
      pushedOut: 50,
      increased: 30,
      decreased: 0,
      won: 300,
      lost: 0,
      ending: 200,
    });
    const bySource = Object.fromEntries(body.bySource.map((g: { key: number | null }) => [g.key, g]));
    expect(bySource[events]).toMatchObject({ starting: 150, increased: 30, pushedOut: 50, ending: 130 });
    expect(bySource.null).toMatchObject({ starting: 300, won: 300, new: 70, ending: 70 });
    const byOwner = Object.fromEntries(body.byOwner.map((g: { key: string | null }) => [g.key, g]));
    expect(byOwner.ben).toMatchObject({ starting: 350, won: 300, pushedOut: 50, ending: 0 });
  });

  it('narrows to a source and lists the deals behind a bar', async () => {
    const one = await (
      await get(
        `/api/metrics/pipeline-waterfall?from=2026-03-01&to=2026-03-08&quarter=2026-Q1&source=${events}`,
      )
    ).json();
    expect(one.overall).toMatchObject({ starting: 150, ending: 130, won: 0 });
    const res = await get(
      '/api/metrics/pipeline-waterfall/deals?from=2026-03-01&to=2026-03-08&quarter=2026-Q1&movement=won',
    );
    expect(res.status).toBe(200);
    const deals = await res.json();
    expect(deals).toMatchObject({ movement: 'won', total: 1, page: 1 });
    expect(deals.rows).toEqual([
      expect.objectContaining({
        owner: 'ben',
        movement: 'won',
        startingAmount: 300,
        endingAmount: null,
        moved: 300,
      }),
    ]);
  });

  it('says what is wrong with a bad query, and where', async () => {
    const backwards = await get('/api/metrics/pipeline-waterfall?from=2026-03-08&to=2026-03-01');
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).error.details).toEqual([
      { path: 'to', message: 'must be on or after from (2026-03-08)' },
    ]);
    const typo = await get('/api/metrics/pipeline-waterfall?form=2026-03-01');
    expect(typo.status).toBe(400);
    expect(JSON.stringify(await typo.json())).toContain('form');
    const movement = await get('/api/metrics/pipeline-waterfall/deals?movement=stolen');
    expect(movement.status).toBe(400);
    expect(JSON.stringify(await movement.json())).toContain('movement');
    const date = await get('/api/metrics/pipeline-waterfall?from=2026-02-30');
    expect(date.status).toBe(400);
  });

  it('needs a session', async () => {
    const res = await t.app.request('/api/metrics/pipeline-waterfall');
    expect(res.status).toBe(401);
  });

  it('serves the same figures in the catalogue for the quarter', async () => {
    const body = await (await get('/api/figures?quarter=2026-Q1')).json();
    const value = (id: string) => body.figures.find((f: { id: string }) => f.id === id)?.value;
    const w = await (await get('/api/metrics/pipeline-waterfall?quarter=2026-Q1')).json();
    expect([w.from, w.to]).toEqual(['2025-12-31', '2026-03-31']);
    expect(value('waterfall.starting')).toBe(w.overall.starting);
    expect(value('waterfall.won')).toBe(w.overall.won);
    expect(value('waterfall.ending')).toBe(w.overall.ending);
    expect(value('waterfall.ending')).toBe(130 + 70);
  });
});
