import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { addMetricLeads } from '../helpers/metrics-factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

/*
 * Cost per campaign (docs/metrics.md, "By campaign"), counted by hand. Q4 2025, Paid search: the leads
 * of "Brand" (two: one sales-ready, an opportunity and won for 40,000), one of "generic" and one without a
 * campaign; spend sent by script: October split Brand 2,000 / Generic 1,000, November one total of 3,000,
 * December Brand 3,000. Brand: 5,000 ÷ 2 leads = 2,500 a lead, 5,000 an SRL, an opportunity, a won deal.
 * Generic: 1,000 a lead, no SRL to divide by. November's total covers every campaign: no campaign's cost
 * includes it, and the answer names it. Webinars' "Spring" has a lead and no spend.
 */
describeOnBackend('cost per campaign', () => {
  let t: TestApp;
  let admin: string;
  let paid: number;

  const get = async (path: string) => {
    const res = await t.app.request(path, { headers: { cookie: admin } });
    expect(res.status, path).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await openTestApp();
    admin = await cookieFor(t, 'admin');
    paid = await addSource(t.handle.db, 'Paid search');
    const webinars = await addSource(t.handle.db, 'Webinars');
    await addMetricLeads(t.handle.db, [
      {
        externalId: 'brand-1',
        createdAt: '2025-10-02T10:00:00Z',
        sourceId: paid,
        crmSalesReadyAt: '2025-10-12T10:00:00Z',
        opportunityAt: '2025-10-20T10:00:00Z',
        wonAt: '2025-12-01T10:00:00Z',
        amount: 40_000,
      },
      { externalId: 'brand-2', createdAt: '2025-11-02T10:00:00Z', sourceId: paid },
      { externalId: 'generic-1', createdAt: '2025-10-08T10:00:00Z', sourceId: paid },
      { externalId: 'none-1', createdAt: '2025-10-09T10:00:00Z', sourceId: paid },
      { externalId: 'spring-1', createdAt: '2025-10-09T10:00:00Z', sourceId: webinars },
      // Created before the quarter: in neither view of it.
      { externalId: 'brand-old', createdAt: '2025-09-09T10:00:00Z', sourceId: paid },
    ]);
    await t.handle.db.execute(sql`update leads set campaign = case
        when external_id like 'brand-%' then 'Brand'
        when external_id = 'generic-1' then ' generic '
        when external_id = 'spring-1' then 'Spring' end,
      segment = case when external_id in ('brand-1', 'generic-1') then 'SMB' else 'Enterprise' end`);
    const created = await t.app.request('/api/tokens', {
      method: 'POST',
      headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ads sync' }),
    });
    const { token } = (await created.json()) as { token: string };
    const sent = await t.app.request('/api/ingest/spend', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        spend: [
          { source: 'Paid search', month: '2025-10', campaign: 'Brand', amount: 2000 },
          { source: 'Paid search', month: '2025-10', campaign: 'Generic', amount: 1000 },
          { source: 'Paid search', month: '2025-11', amount: 3000 },
          { source: 'Paid search', month: '2025-12', campaign: 'Brand', amount: 3000 },
        ],
      }),
    });
    expect(sent.status).toBe(200);
  });
  afterAll(() => t?.close());

  it('divides each campaign’s spend by its own leads, SRLs, opportunities and won deals', async () => {
    const body = await get('/api/metrics/campaigns?quarter=2025-Q4&view=cohort');
    const rows = body.rows.map((r: Record<string, unknown>) => [
      r.source,
      r.campaign,
      r.leads,
      r.salesReady,
      r.won,
      r.spend,
      r.costPerLead,
      r.costPerSalesReady,
      r.costPerWon,
    ]);
    expect(rows).toEqual([
      ['Paid search', 'Brand', 2, 1, 1, 5000, 2500, 5000, 5000],
      ['Paid search', 'Generic', 1, 0, 0, 1000, 1000, null, null],
      ['Webinars', 'Spring', 1, 0, 0, null, null, null, null],
      ['Paid search', '', 1, 0, 0, null, null, null, null],
    ]);
    expect(body.unsplitSpend).toEqual([{ sourceId: paid, source: 'Paid search', spend: 3000 }]);
    expect(body.more).toBe(0);
    // The campaigns' spend and the spend not split by campaign add up to the sources report's.
    const sources = await get('/api/metrics/sources?quarter=2025-Q4&view=cohort');
    const paidRow = sources.rows.find((r: { source: string }) => r.source === 'Paid search');
    expect(5000 + 1000 + 3000).toBe(paidRow.spend);
  });

  it('counts the period view’s events and keeps to the sources asked for', async () => {
    const body = await get(`/api/metrics/campaigns?quarter=2025-Q4&view=period&source=${paid}`);
    const brand = body.rows.find((r: { campaign: string }) => r.campaign === 'Brand');
    expect(brand).toMatchObject({ leads: 2, salesReady: 1, opportunities: 1, won: 1, revenue: 40_000 });
    expect(body.rows.map((r: { source: string }) => r.source)).not.toContain('Webinars');
  });

  it('has no spend under a segment filter, which spend cannot be split by', async () => {
    const body = await get('/api/metrics/campaigns?quarter=2025-Q4&view=cohort&segment=SMB');
    expect(
      body.rows.map((r: { campaign: string; leads: number; spend: number | null }) => [
        r.campaign,
        r.leads,
        r.spend,
      ]),
    ).toEqual([
      ['Brand', 1, null],
      // Without the spend, the campaign is named as its leads spell it.
      ['generic', 1, null],
    ]);
    expect(body.unsplitSpend).toEqual([]);
  });
});
