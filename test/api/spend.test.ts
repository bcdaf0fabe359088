import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { spend } from '@salesready/db/schema/index';
import { removeDemoData } from '@salesready/db/seed/remove-demo';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { addMetricLeads } from '../helpers/metrics-factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// A Google Ads report as its export writes it: title lines, daily rows, a total line.
const googleAds = [
  'Campaign performance report',
  '"October 1, 2025 - December 31, 2025"',
  'Day,Campaign,Currency code,Cost',
  '2025-10-01,Brand,USD,"2,000.00"',
  '2025-10-15,Generic,USD,1000',
  '2025-11-02,Brand,USD,3000',
  '2025-12-24,Brand,USD,3000',
  '2025-12-31,Brand,USD,-1',
  'Total: Account,,,"8,999.00"',
].join('\n');

describeOnBackend('marketing spend: the grid, spend files and the ingestion API', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let paid: number;
  let webinars: number;

  const call = async (
    role: string,
    method: string,
    path: string,
    body?: unknown,
    type = 'application/json',
  ) => {
    const res = await t.app.request(path, {
      method,
      headers: {
        cookie: defined(cookies[role]),
        origin: 'http://localhost',
        ...(body !== undefined && { 'content-type': type }),
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };
  /** Each source's months: their totals, however split by campaign. */
  const stored = async () =>
    (
      await selectRows<{ source: string; month: string; amount: string | number; origin: string }>(
        t.handle.db,
        sql`select s.name as source, to_char(sp.month, 'YYYY-MM') as month, sum(sp.amount) as amount,
                   min(sp.origin) as origin
            from spend sp join sources s on s.id = sp.source_id group by 1, 2 order by 2, 1`,
      )
    ).map((r) => ({ ...r, amount: Number(r.amount) }));
  /** The rows as kept: one per source, month and campaign. */
  const campaignRows = async (source: string, month?: string) =>
    (
      await selectRows<{ month: string; campaign: string; amount: string | number }>(
        t.handle.db,
        sql`select to_char(sp.month, 'YYYY-MM') as month, sp.campaign, sp.amount
            from spend sp join sources s on s.id = sp.source_id
            where s.name = ${source} and (${month ?? null}::text is null or to_char(sp.month, 'YYYY-MM') = ${month ?? null})
            order by 1, 2`,
      )
    ).map((r) => [r.month, r.campaign, Number(r.amount)]);

  beforeAll(async () => {
    t = await openTestApp();
    for (const role of ['admin', 'executive', 'board'] as const) cookies[role] = await cookieFor(t, role);
    paid = await addSource(t.handle.db, 'Paid search');
    webinars = await addSource(t.handle.db, 'Webinars');
    // Q4 2025 in Paid search: four leads, two SRLs, one opportunity, one won deal.
    await addMetricLeads(t.handle.db, [
      {
        externalId: 'a',
        createdAt: '2025-10-02T10:00:00Z',
        sourceId: paid,
        crmSalesReadyAt: '2025-10-20T10:00:00Z',
        opportunityAt: '2025-11-01T10:00:00Z',
        wonAt: '2025-12-01T10:00:00Z',
        amount: 50_000,
      },
      {
        externalId: 'b',
        createdAt: '2025-10-05T10:00:00Z',
        sourceId: paid,
        crmSalesReadyAt: '2025-11-20T10:00:00Z',
      },
      { externalId: 'c', createdAt: '2025-11-05T10:00:00Z', sourceId: paid },
      { externalId: 'd', createdAt: '2025-12-05T10:00:00Z', sourceId: paid },
    ]);
  });
  afterAll(() => t?.close());

  it('previews a Google Ads report without writing, then books it by month, and a second run changes nothing', async () => {
    const preview = await call('executive', 'POST', '/api/spend/import?dryRun=true', googleAds, 'text/csv');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      preset: 'google-ads',
      dryRun: true,
      read: 5,
      accepted: 4,
      rejected: 1,
    });
    expect(preview.body.problems).toEqual([
      { line: 8, column: 'Cost', message: '-1 is negative: spend is money paid out' },
    ]);
    expect(preview.body.months.map((m: { month: string; after: number }) => [m.month, m.after])).toEqual([
      ['2025-10-01', 3000],
      ['2025-11-01', 3000],
      ['2025-12-01', 3000],
    ]);
    expect(await stored()).toEqual([]);

    const done = await call('executive', 'POST', '/api/spend/import', googleAds, 'text/csv');
    expect(done.status).toBe(200);
    expect(done.body.months).toHaveLength(3);
    expect(await stored()).toEqual([
      { source: 'Paid search', month: '2025-10', amount: 3000, origin: 'file' },
      { source: 'Paid search', month: '2025-11', amount: 3000, origin: 'file' },
      { source: 'Paid search', month: '2025-12', amount: 3000, origin: 'file' },
    ]);
    // The campaigns the report names are kept: October is split in two.
    expect(await campaignRows('Paid search')).toEqual([
      ['2025-10', 'Brand', 2000],
      ['2025-10', 'Generic', 1000],
      ['2025-11', 'Brand', 3000],
      ['2025-12', 'Brand', 3000],
    ]);
    const again = await call('executive', 'POST', '/api/spend/import', googleAds, 'text/csv');
    expect(again.body.months).toEqual([]);
    expect(await stored()).toHaveLength(3);
  });

  it('fills the cost figures with hand-computed values', async () => {
    const res = await call('board', 'GET', '/api/figures?quarter=2025-Q4');
    expect(res.status).toBe(200);
    const value = (id: string) => res.body.figures.find((f: { id: string }) => f.id === id)?.value;
    expect([value('leads'), value('srls'), value('opportunities'), value('won')]).toEqual([4, 2, 1, 1]);
    expect(value('spend')).toBe(9000);
    expect(value('costPerLead')).toBe(2250);
    expect(value('costPerSrl')).toBe(4500);
    expect(value('costPerOpportunity')).toBe(9000);
    expect(value('costPerWonDeal')).toBe(9000);
    const sources = await call('board', 'GET', '/api/metrics/sources?quarter=2025-Q4&view=period');
    const row = sources.body.rows.find((r: { source: string }) => r.source === 'Paid search');
    expect(row).toMatchObject({ spend: 9000, costPerLead: 2250, costPerOpportunity: 9000, costPerWon: 9000 });
  });

  it('edits months in the grid (executives too), clears a month with null, and keeps the board out', async () => {
    expect((await call('board', 'GET', '/api/spend?from=2025-10&to=2025-12')).status).toBe(403);
    expect(
      (
        await call('board', 'PUT', '/api/spend', {
          entries: [{ sourceId: paid, month: '2025-10', amount: 1 }],
        })
      ).status,
    ).toBe(403);
    const put = await call('executive', 'PUT', '/api/spend', {
      entries: [
        { sourceId: webinars, month: '2025-11', amount: 1200.5 },
        { sourceId: paid, month: '2025-12', amount: null },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.changes).toEqual([
      { sourceId: webinars, source: 'Webinars', month: '2025-11-01', before: null, after: 1200.5 },
      { sourceId: paid, source: 'Paid search', month: '2025-12-01', before: 3000, after: null },
    ]);
    const grid = await call('admin', 'GET', '/api/spend?from=2025-10&to=2025-12');
    expect(grid.body.months).toEqual(['2025-10-01', '2025-11-01', '2025-12-01']);
    expect(grid.body.sources.find((s: { source: string }) => s.source === 'Paid search')).toMatchObject({
      amounts: { '2025-10-01': 3000, '2025-11-01': 3000 },
      total: 6000,
    });
    expect(grid.body.sources.find((s: { source: string }) => s.source === 'Webinars').total).toBe(1200.5);
  });

  it('refuses bad input with what and where, and changes nothing', async () => {
    const before = await stored();
    const cases: [string, string, unknown, RegExp][] = [
      [
        'PUT',
        '/api/spend',
        { entries: [{ sourceId: 999_999, month: '2025-10', amount: 1 }] },
        /unknown source/,
      ],
      ['PUT', '/api/spend', { entries: [{ sourceId: paid, month: '2025-13', amount: 1 }] }, /month YYYY-MM/],
      ['PUT', '/api/spend', { entries: [{ sourceId: paid, month: '2025-10', amount: -3 }] }, /negative/],
      ['GET', '/api/spend?from=2025-12&to=2025-01', undefined, /must not be after/],
      ['GET', '/api/spend?from=2020-01&to=2025-01', undefined, /at most 36 months/],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await call('admin', method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(JSON.stringify(res.body.error)).toMatch(message);
    }
    const unreadable = await call('admin', 'POST', '/api/spend/import', 'a,b\n1,2', 'text/csv');
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.message).toMatch(/no header row found/);
    const otherCurrency = await call(
      'admin',
      'POST',
      '/api/spend/import',
      'month,source,amount,currency\n2025-10,Webinars,5,EUR',
      'text/csv',
    );
    expect(otherCurrency.body).toMatchObject({ accepted: 0, rejected: 1, months: [] });
    expect(await stored()).toEqual(before);
  });

  it('takes spend from scripts with an ingestion token: a month per item, set not added', async () => {
    const token = (await call('admin', 'POST', '/api/tokens', { name: 'ads sync' })).body.token as string;
    const send = async (body: unknown) => {
      const res = await t.app.request('/api/ingest/spend', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const items = [
      { source: 'paid  SEARCH', month: '2025-10', amount: 3000 },
      { source: 'LinkedIn ads', month: '2025-10', amount: 800 },
    ];
    // October was split by campaign by the Google Ads report: a total replaces the split.
    expect((await send({ spend: items })).body).toEqual({
      received: 2,
      inserted: 1,
      updated: 1,
      unchanged: 0,
    });
    expect((await send({ spend: items })).body).toEqual({
      received: 2,
      inserted: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(
      (await send({ spend: [{ source: 'LinkedIn ads', month: '2025-10', amount: 900 }] })).body,
    ).toMatchObject({ updated: 1 });
    const twice = await send({ spend: [items[0], items[0]] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/spend\.1: .* is also item 0/);
    expect((await stored()).find((r) => r.source === 'LinkedIn ads')).toMatchObject({
      amount: 900,
      origin: 'api',
    });
  });

  it('keeps a month split by campaign whole: a new split or a total replaces the old one, never adds to it', async () => {
    const token = (await call('admin', 'POST', '/api/tokens', { name: 'campaign sync' })).body
      .token as string;
    const send = async (body: unknown) => {
      const res = await t.app.request('/api/ingest/spend', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    const split = [
      { source: 'Webinars', month: '2026-01', campaign: 'Q1 launch', amount: 700 },
      { source: 'Webinars', month: '2026-01', campaign: 'Customer stories', amount: 300 },
    ];
    expect((await send({ spend: split })).body).toEqual({
      received: 2,
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
    expect((await send({ spend: split })).body).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    // The same total split another way is a change; a campaign left out is gone.
    const resplit = await send({ spend: [{ ...split[0], amount: 1000 }] });
    expect(resplit.body).toMatchObject({ updated: 1, unchanged: 0 });
    expect(await campaignRows('Webinars', '2026-01')).toEqual([['2026-01', 'Q1 launch', 1000]]);
    // A file without campaigns for the month: its total replaces the split.
    const file = await call(
      'admin',
      'POST',
      '/api/spend/import',
      'month,source,amount\n2026-01,Webinars,1200',
      'text/csv',
    );
    expect(file.body.months).toEqual([
      { sourceId: webinars, source: 'Webinars', month: '2026-01-01', before: 1000, after: 1200 },
    ]);
    expect(await campaignRows('Webinars', '2026-01')).toEqual([['2026-01', '', 1200]]);
    // The grid writes totals: a split month edited there becomes its total.
    await send({ spend: split });
    const grid = await call('admin', 'PUT', '/api/spend', {
      entries: [{ sourceId: webinars, month: '2026-01', amount: 900 }],
    });
    expect(grid.body).toMatchObject({ changed: 1 });
    expect(await campaignRows('Webinars', '2026-01')).toEqual([['2026-01', '', 900]]);
    const repeated = await send({ spend: [split[0], { ...split[0], source: 'webinars' }] });
    expect(repeated.status).toBe(400);
    expect(repeated.body.error.message).toMatch(/spend\.1: webinars 2026-01 \(Q1 launch\) is also item 0/);
    expect(await campaignRows('Webinars', '2026-01')).toEqual([['2026-01', '', 900]]);
    // Clean up for the tests after: January had no spend before.
    await call('admin', 'PUT', '/api/spend', {
      entries: [{ sourceId: webinars, month: '2026-01', amount: null }],
    });
    expect(await campaignRows('Webinars', '2026-01')).toEqual([]);
  });

  it('"Start with your own data" removes only the demo\'s spend', async () => {
    const demoSource = await addSource(t.handle.db, 'Demo events');
    await t.handle.db.insert(spend).values({ sourceId: demoSource, month: '2025-10-01', amount: 10 });
    const own = (await stored()).filter((r) => r.origin !== 'demo');
    const removed = await removeDemoData(t.handle.db, 'nobody@example.com');
    expect(removed.spend).toBe(1);
    expect(await stored()).toEqual(own);
    // LinkedIn ads has spend and no lead: it stays.
    expect(own.some((r) => r.source === 'LinkedIn ads')).toBe(true);
  });
});
