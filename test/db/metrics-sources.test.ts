import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { sourceReport } from '@salesready/db/queries/sources/source-report';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MetricsFixture, seedMetricsFixture } from '../helpers/metrics-fixture';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const q1 = { from: '2025-01-01', to: '2025-04-01', timezone: 'UTC' };

describeOnBackend('figures by source on hand-computed leads (metrics-fixture.ts)', () => {
  let handle: DbHandle;
  let f: MetricsFixture;
  beforeAll(async () => {
    handle = await openTestDb();
    f = await seedMetricsFixture(handle.db);
  });
  afterAll(() => handle?.close());

  it('cohort view: follows the leads created in the range to today', async () => {
    const r = await sourceReport(handle.db, q1, 'cohort');
    expect(r.view).toBe('cohort');
    expect(r.rows.map((row) => row.source)).toEqual(['Paid', 'Unknown', 'Webinar', 'Partner']);
    const row = (name: string) => defined(r.rows.find((x) => x.source === name));
    // Paid: A1-A4; MQL A1 A2; SR A1 A2 A4 (10, 10, 20 days: median 10, p75 15); opp A1 A2; won A1
    // (50 days). Of the SRLs, A1 A2 reached opp (2/3); of the opps, A1 won (1/2). Spend 3 × 300.
    expect(row('Paid')).toEqual({
      sourceId: f.paid,
      source: 'Paid',
      category: 'marketing',
      leads: 4,
      mqls: 2,
      salesReady: 3,
      opportunities: 2,
      won: 1,
      revenue: 1000,
      salesReadyRate: 0.75,
      wonRate: 0.25,
      leadsThenSalesReady: 3,
      salesReadyThenOpportunity: 2,
      opportunitiesThenWon: 1,
      leadsThenWon: 1,
      leadToSalesReady: 0.75,
      salesReadyToOpportunity: 2 / 3,
      opportunityToWon: 0.5,
      leadToWon: 0.25,
      medianDaysToSalesReady: 10,
      p75DaysToSalesReady: 15,
      medianDaysToWon: 50,
      spend: 900,
      costPerLead: 225,
      costPerSalesReady: 300,
      costPerOpportunity: 450,
      costPerWon: 900,
      // No sales cost recorded: no share of it, no CAC.
      salesCost: null,
      cac: null,
    });
    // Partner: P1 only (P2 was created in December). Won before it was created: counted as won,
    // left out of the days to won. No SRL and no opportunity: those conversions are null, not NaN.
    expect(row('Partner')).toMatchObject({
      leads: 1,
      salesReady: 0,
      won: 1,
      revenue: 700,
      wonRate: 1,
      salesReadyToOpportunity: null,
      opportunityToWon: null,
      medianDaysToWon: null,
      spend: null,
      costPerLead: null,
    });
    // Unknown: U1 U2 without a source; U2 became sales-ready before it was created (out of order:
    // counted, but no duration), and reached an opportunity.
    expect(row('Unknown')).toMatchObject({
      sourceId: null,
      category: 'other',
      leads: 2,
      mqls: 1,
      salesReady: 1,
      opportunities: 1,
      won: 0,
      salesReadyToOpportunity: 1,
      opportunityToWon: 0,
      medianDaysToSalesReady: null,
    });
    // Webinar: W1 W2; spend 200 in February.
    expect(row('Webinar')).toMatchObject({
      leads: 2,
      salesReady: 1,
      won: 1,
      revenue: 3000,
      spend: 200,
      costPerLead: 100,
    });
    // Totals: 9 leads, SR A1 A2 A4 W1 U2 (5), opps A1 A2 W1 U2 (4: 4 of 5 SRLs), won A1 W1 P1 (3),
    // durations [4, 10, 10, 20] → median 10, p75 12.5; days to won [41, 50] → 45.5; spend 1100.
    expect(r.totals).toEqual({
      leads: 9,
      mqls: 5,
      salesReady: 5,
      opportunities: 4,
      won: 3,
      revenue: 4700,
      salesReadyRate: 5 / 9,
      wonRate: 1 / 3,
      // Of the 4 opportunities, A1 and W1 won: P1 is won without an opportunity.
      leadsThenSalesReady: 5,
      salesReadyThenOpportunity: 4,
      opportunitiesThenWon: 2,
      leadsThenWon: 3,
      leadToSalesReady: 5 / 9,
      salesReadyToOpportunity: 0.8,
      opportunityToWon: 0.5,
      leadToWon: 1 / 3,
      medianDaysToSalesReady: 10,
      p75DaysToSalesReady: 12.5,
      medianDaysToWon: 45.5,
      spend: 1100,
      costPerLead: 1100 / 9,
      costPerSalesReady: 220,
      costPerOpportunity: 275,
      costPerWon: 1100 / 3,
      salesCost: null,
      cac: null,
    });
    expect(r.byCategory.map((c) => [c.category, c.leads, c.spend])).toEqual([
      ['marketing', 6, 1100],
      ['other', 2, null],
      ['partner', 1, null],
    ]);
    const marketing = defined(r.byCategory.find((c) => c.category === 'marketing'));
    // Paid + Webinar: durations [4, 10, 10, 20]; days to won [41, 50]; 3 of 4 SRLs reached opp.
    expect(marketing).toMatchObject({
      salesReady: 4,
      opportunities: 3,
      won: 2,
      revenue: 4000,
      salesReadyToOpportunity: 0.75,
      opportunityToWon: 2 / 3,
      medianDaysToSalesReady: 10,
      p75DaysToSalesReady: 12.5,
      medianDaysToWon: 45.5,
      costPerSalesReady: 275,
    });
  });

  it('period view: counts each stage when it happened in the range', async () => {
    const r = await sourceReport(handle.db, q1, 'period');
    expect(r.view).toBe('period');
    const row = (name: string) => defined(r.rows.find((x) => x.source === name));
    // Partner: P1 created and won in Q1; P2's SR (01-05, 21 days) and opp (01-15) in Q1, won in April.
    expect(row('Partner')).toMatchObject({
      leads: 1,
      mqls: 0,
      salesReady: 1,
      opportunities: 1,
      won: 1,
      revenue: 700,
      salesReadyRate: 0,
      wonRate: 1,
      salesReadyToOpportunity: 1,
      opportunityToWon: 1,
      medianDaysToSalesReady: 21,
      medianDaysToWon: null,
    });
    // Unknown: U2's SR (Dec 30) is outside Q1; its opportunity (Feb 1) inside.
    expect(row('Unknown')).toMatchObject({
      leads: 2,
      mqls: 1,
      salesReady: 0,
      opportunities: 1,
      salesReadyToOpportunity: null,
      opportunityToWon: 0,
    });
    // Totals: SR in Q1 A1 A2 A4 W1 P2 = 5 ([4, 10, 10, 20, 21] → median 10, p75 20), 4 of them
    // reached opp; opps in Q1 A1 A2 W1 P2 U2 = 5, 3 won (A1 W1 P2).
    expect(r.totals).toMatchObject({
      leads: 9,
      mqls: 5,
      salesReady: 5,
      opportunities: 5,
      won: 3,
      revenue: 4700,
      salesReadyRate: 5 / 9,
      salesReadyToOpportunity: 0.8,
      opportunityToWon: 0.6,
      medianDaysToSalesReady: 10,
      p75DaysToSalesReady: 20,
      medianDaysToWon: 45.5,
    });
    // The period view's SRLs are the overview's.
    const kpis = await overviewKpis(handle.db, q1);
    expect([kpis.leads, kpis.salesReady, kpis.wonRevenue]).toEqual([
      r.totals.leads,
      r.totals.salesReady,
      r.totals.revenue,
    ]);
    expect(kpis.medianDaysToSalesReady).toBe(r.totals.medianDaysToSalesReady);
  });

  it('filters by source, category, segment, country and owner', async () => {
    const leads = async (filter: object) => (await sourceReport(handle.db, { ...q1, ...filter })).totals;
    expect(await leads({ sourceIds: [f.paid] })).toMatchObject({ leads: 4, spend: 900 });
    expect(await leads({ sourceIds: [f.paid, f.partner] })).toMatchObject({ leads: 5, spend: 900 });
    // "other" includes the leads without a source.
    expect(await leads({ categories: ['other'] })).toMatchObject({ leads: 2, spend: null });
    expect(await leads({ categories: ['partner'] })).toMatchObject({ leads: 1 });
    // Spend is per source: it cannot follow a segment, country or owner filter.
    expect(await leads({ segments: ['SMB'] })).toMatchObject({
      leads: 2,
      won: 1,
      spend: null,
      costPerLead: null,
    });
    expect(await leads({ countries: ['DE'] })).toMatchObject({ leads: 2, won: 1, revenue: 3000 });
    expect(await leads({ owners: ['ann', 'bob'] })).toMatchObject({ leads: 3 });
    expect(await leads({ owners: ['nobody'] })).toMatchObject({ leads: 0, salesReadyRate: null });
  });

  it('prorates monthly spend by the days of the range', async () => {
    // Feb 15 – Mar 15: Paid 300 × 14/28 + 300 × 14/31; Webinar 200 × 14/28.
    const r = await sourceReport(handle.db, { from: '2025-02-15', to: '2025-03-15', timezone: 'UTC' });
    const paid = defined(r.rows.find((x) => x.source === 'Paid'));
    expect(paid.spend).toBeCloseTo(150 + (300 * 14) / 31, 9);
    expect(r.totals.spend).toBeCloseTo(150 + (300 * 14) / 31 + 100, 9);
  });

  it('answers an empty range with zeros and nulls, and lists sources that only spent', async () => {
    const empty = await sourceReport(handle.db, { from: '2030-01-01', to: '2030-04-01', timezone: 'UTC' });
    expect(empty.rows).toEqual([]);
    expect(empty.byCategory).toEqual([]);
    expect(empty.totals).toMatchObject({
      leads: 0,
      revenue: 0,
      salesReadyRate: null,
      wonRate: null,
      medianDaysToWon: null,
      spend: null,
    });
    // April: no lead created, but Paid spent 999.
    const april = await sourceReport(handle.db, { from: '2025-04-01', to: '2025-05-01', timezone: 'UTC' });
    expect(april.rows).toEqual([
      expect.objectContaining({ source: 'Paid', leads: 0, spend: 999, costPerLead: null }),
    ]);
  });
});
