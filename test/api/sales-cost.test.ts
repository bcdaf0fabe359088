import { selectRows } from '@salesready/db/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { addMetricLeads, addSpend } from '../helpers/metrics-factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

/*
 * The sales cost and the customer acquisition cost (docs/metrics.md, "Sales cost and CAC"), against
 * figures counted by hand. Q4 2025: Paid search has two opportunities (one won) and 9,000 of spend;
 * Webinars one opportunity (won) and no spend; the sales team cost 10,000 a month, 30,000 in the quarter.
 * The sales cost follows the opportunities: Paid search 30,000 × 2/3 = 20,000, Webinars 10,000. CAC:
 * Paid search (9,000 + 20,000) ÷ 1 = 29,000; Webinars (0 + 10,000) ÷ 1 = 10,000; all (9,000 + 30,000) ÷ 2.
 */
describeOnBackend('sales cost and the customer acquisition cost', () => {
  let t: TestApp;
  let admin: string;
  let paid: number;
  let webinars: number;
  let token: string;

  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await t.app.request(path, {
      method,
      headers: {
        cookie: admin,
        origin: 'http://localhost',
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };
  type Figures = { salesCost: number | null; cac: number | null; spend: number | null; won: number };
  const report = async (query: string) => {
    const res = await request('GET', `/api/metrics/sources?${query}`);
    expect(res.status).toBe(200);
    const rows = res.body.rows as (Figures & { source: string })[];
    const of = (name: string) => rows.find((r) => r.source === name);
    return { paid: of('Paid search'), webinars: of('Webinars'), totals: res.body.totals as Figures };
  };
  const storedMonths = async () =>
    (
      await selectRows<{ month: string; amount: number | string; origin: string }>(
        t.handle.db,
        sql`select to_char(month, 'YYYY-MM') as month, amount, origin from sales_cost order by month`,
      )
    ).map((r) => [r.month, Number(r.amount), r.origin]);

  beforeAll(async () => {
    t = await openTestApp();
    admin = await cookieFor(t, 'admin');
    paid = await addSource(t.handle.db, 'Paid search');
    webinars = await addSource(t.handle.db, 'Webinars');
    await addMetricLeads(t.handle.db, [
      {
        externalId: 'a',
        createdAt: '2025-10-02T10:00:00Z',
        sourceId: paid,
        opportunityAt: '2025-11-01T10:00:00Z',
        wonAt: '2025-12-01T10:00:00Z',
        amount: 50_000,
      },
      {
        externalId: 'b',
        createdAt: '2025-10-05T10:00:00Z',
        sourceId: paid,
        opportunityAt: '2025-11-10T10:00:00Z',
      },
      { externalId: 'c', createdAt: '2025-11-05T10:00:00Z', sourceId: paid },
      {
        externalId: 'w1',
        createdAt: '2025-10-10T10:00:00Z',
        sourceId: webinars,
        opportunityAt: '2025-10-20T10:00:00Z',
        wonAt: '2025-11-15T10:00:00Z',
        amount: 20_000,
      },
      { externalId: 'w2', createdAt: '2025-11-01T10:00:00Z', sourceId: webinars },
    ]);
    for (const month of ['2025-10-01', '2025-11-01', '2025-12-01'])
      await addSpend(t.handle.db, paid, month, 3000);
    const created = await request('POST', '/api/tokens', { name: 'Finance sync' });
    expect(created.status).toBe(201);
    token = created.body.token;
  });
  afterAll(() => t?.close());

  it('has no sales cost and no CAC before any sales cost is recorded', async () => {
    const { paid: row, totals } = await report('quarter=2025-Q4&view=period');
    expect(row).toMatchObject({ spend: 9000, salesCost: null, cac: null });
    expect(totals).toMatchObject({ salesCost: null, cac: null });
  });

  it('takes the sales cost from the spend grid and says which months changed, once', async () => {
    const body = {
      salesCost: [
        { month: '2025-10', amount: 10_000 },
        { month: '2025-11', amount: 10_000 },
        { month: '2025-12', amount: 12_000 },
      ],
    };
    const first = await request('PUT', '/api/spend', body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ changed: 3, changes: [] });
    expect(first.body.salesCost).toEqual([
      { month: '2025-10-01', before: null, after: 10_000 },
      { month: '2025-11-01', before: null, after: 10_000 },
      { month: '2025-12-01', before: null, after: 12_000 },
    ]);
    expect((await request('PUT', '/api/spend', body)).body).toMatchObject({ changed: 0, salesCost: [] });
    const grid = await request('GET', '/api/spend?from=2025-10&to=2025-12');
    expect(grid.body.salesCost).toEqual({ '2025-10-01': 10_000, '2025-11-01': 10_000, '2025-12-01': 12_000 });
  });

  it('takes the sales cost from the ingestion API, idempotent, and refuses a month twice or a negative amount', async () => {
    const bearer = { authorization: `Bearer ${token}`, cookie: '' };
    const send = (items: unknown[]) =>
      request('POST', '/api/ingest/sales-cost', { salesCost: items }, bearer);
    const december = [{ month: '2025-12', amount: 10_000 }];
    expect((await send(december)).body).toEqual({ received: 1, inserted: 0, updated: 1, unchanged: 0 });
    expect((await send(december)).body).toEqual({ received: 1, inserted: 0, updated: 0, unchanged: 1 });

    const twice = await send([...december, { month: '2025-12', amount: 1 }]);
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toContain('salesCost.1: 2025-12 is also item 0');
    const negative = await send([{ month: '2025-09', amount: -5 }]);
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain('salesCost.0.amount');
    expect(await storedMonths()).toEqual([
      ['2025-10', 10_000, 'grid'],
      ['2025-11', 10_000, 'grid'],
      ['2025-12', 10_000, 'api'],
    ]);
  });

  describe.each(['period', 'cohort'])('the %s view', (view) => {
    it('shares the sales cost by opportunities and divides spend plus sales cost by deals won', async () => {
      const { paid: p, webinars: w, totals } = await report(`quarter=2025-Q4&view=${view}`);
      expect(p).toMatchObject({ spend: 9000, won: 1, salesCost: 20_000, cac: 29_000 });
      expect(w).toMatchObject({ spend: null, won: 1, salesCost: 10_000, cac: 10_000 });
      expect(totals).toMatchObject({ spend: 9000, won: 2, salesCost: 30_000, cac: 19_500 });
    });
  });

  it('shares by the whole company’s opportunities when the report shows some sources', async () => {
    const { webinars: w, totals } = await report(`quarter=2025-Q4&view=period&source=${webinars}`);
    expect(w).toMatchObject({ salesCost: 10_000, cac: 10_000 });
    expect(totals).toMatchObject({ salesCost: 10_000, cac: 10_000 });
  });

  it('prorates a month by its days in a custom range, and has none under a segment filter', async () => {
    // 1–15 November: half of November's 10,000, all Paid search's (both opportunities of the range are its).
    const { paid: p } = await report('from=2025-11-01&to=2025-11-16&view=period');
    expect(p).toMatchObject({ salesCost: 5000 });
    const { paid: bySegment, totals } = await report('quarter=2025-Q4&view=period&segment=SMB');
    expect(bySegment?.salesCost ?? null).toBeNull();
    expect(totals).toMatchObject({ salesCost: null, cac: null });
  });

  it('clears a month from the grid', async () => {
    const cleared = await request('PUT', '/api/spend', { salesCost: [{ month: '2025-12', amount: null }] });
    expect(cleared.body.salesCost).toEqual([{ month: '2025-12-01', before: 10_000, after: null }]);
    expect((await storedMonths()).map(([m]) => m)).toEqual(['2025-10', '2025-11']);
    const empty = await request('PUT', '/api/spend', {});
    expect(empty.status).toBe(400);
  });
});
