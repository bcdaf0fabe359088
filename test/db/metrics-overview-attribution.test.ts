import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { marketingContribution } from '@salesready/db/queries/attribution/marketing-contribution';
import { revenueAttribution } from '@salesready/db/queries/attribution/revenue-attribution';
import { overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MetricsFixture, seedMetricsFixture } from '../helpers/metrics-fixture';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const q1 = { from: '2025-01-01', to: '2025-04-01', timezone: 'UTC' };

describeOnBackend('overview details, marketing contribution and attribution (metrics-fixture.ts)', () => {
  let handle: DbHandle;
  let f: MetricsFixture;
  beforeAll(async () => {
    handle = await openTestDb();
    f = await seedMetricsFixture(handle.db);
  });
  afterAll(() => handle?.close());

  it('computes the overview figures beyond the headline five', async () => {
    // The headline five stay as they were: 9 leads, 5 SRLs (A1 A2 A4 W1 P2), 5 of the 9 sales-ready,
    // median of [4, 10, 10, 20, 21] days = 10, won A1 + W1 + P1 = 4700.
    expect(await overviewKpis(handle.db, q1)).toEqual({
      leads: 9,
      salesReady: 5,
      salesReadyRate: 5 / 9,
      medianDaysToSalesReady: 10,
      wonRevenue: 4700,
    });
    expect(await overviewDetails(handle.db, q1)).toEqual({
      // MQL in Q1: A1 A2 W1 W2 U1.
      mqls: 5,
      // BANT of the 9 created: A1 4, W1 2, the rest 0.
      meanBantScore: 6 / 9,
      // [4, 10, 10, 20, 21] → p75 20.
      p75DaysToSalesReady: 20,
      // Marketing touches created → SR: A1 1 (its sales call and pre-creation touch excluded), A2 8,
      // A4 7, W1 0, P2 0 → median 1; 7–15: A2 and A4 → 2/5.
      medianTouchesToSalesReady: 1,
      touchesToSalesReady7To15Share: 0.4,
      // Opp in Q1: A1 A2 W1 P2 U2.
      opportunities: 5,
      // Open on Apr 1: P2 (won Apr 10) 2000 + U2 400.
      pipeline: 2400,
      won: 3,
      lost: 1,
      winRate: 0.75,
      // Created → won: A1 50, W1 41 (P1 won before it was created: left out) → 45.5.
      medianSalesCycleDays: 45.5,
      // SRLs 5 against 1 in 2024-Q4 (U2, Dec 30): (5 − 1) / 1.
      leadVelocityRate: 4,
    });
  });

  it('gives null, not NaN, when there is nothing to divide by', async () => {
    // 2020: before every lead (pipeline is a stock: in 2030 U2 would still be open).
    const d = await overviewDetails(handle.db, { ...q1, from: '2020-01-01', to: '2020-04-01' });
    expect((await overviewDetails(handle.db, { ...q1, from: '2030-01-01', to: '2030-04-01' })).pipeline).toBe(
      400,
    );
    expect(d).toEqual({
      mqls: 0,
      meanBantScore: null,
      p75DaysToSalesReady: null,
      medianTouchesToSalesReady: null,
      touchesToSalesReady7To15Share: null,
      opportunities: 0,
      pipeline: 0,
      won: 0,
      lost: 0,
      winRate: null,
      medianSalesCycleDays: null,
      leadVelocityRate: null,
    });
  });

  it('splits pipeline and revenue into marketing-sourced and marketing-influenced, never added', async () => {
    const m = await marketingContribution(handle.db, q1);
    // Pipeline on Apr 1: P2 (partner, no touch) 2000 and U2 (no source; "paid" touch Jan 3 before
    // its Feb 1 opportunity) 400.
    expect(m.pipeline).toEqual({
      total: 2400,
      deals: 2,
      sourced: 0,
      sourcedDeals: 0,
      influenced: 400,
      influencedDeals: 1,
      sourcedShare: 0,
      influencedShare: 400 / 2400,
    });
    // Won in Q1: A1 (Paid: sourced; touches Jan 8 and 15 before its Feb 1 opp: influenced) 1000,
    // W1 (Webinar: sourced; no touch) 3000, P1 (partner; "newsletter" Jan 20 before its win on Feb 1,
    // which stands in for the missing opportunity time: influenced) 700.
    expect(m.revenue).toEqual({
      total: 4700,
      deals: 3,
      sourced: 4000,
      sourcedDeals: 2,
      influenced: 1700,
      influencedDeals: 2,
      sourcedShare: 4000 / 4700,
      influencedShare: 1700 / 4700,
    });
  });

  it('attributes won revenue by first touch, last touch before sales-ready and linear', async () => {
    const a = await revenueAttribution(handle.db, q1);
    // A1 1000: touches up to its win (Mar 1): webinar Jan 8, "Paid " Jan 15, webinar Jan 25 (the
    //   sales call and the Mar 5 touch do not count). First: Webinar. Last before SR (Jan 20): Paid.
    //   Linear: 2/3 Webinar, 1/3 Paid.
    // W1 3000: no touch → its own source, Webinar, in every model.
    // P1 700: "newsletter" names no source → its own source, Partner; no SR: last before the win.
    const row = (id: number) => defined(a.rows.find((r) => r.sourceId === id));
    expect(row(f.webinar)).toMatchObject({ firstTouch: 4000, lastTouch: 3000 });
    expect(row(f.webinar).linear).toBeCloseTo(3000 + 2000 / 3, 6);
    expect(row(f.paid)).toMatchObject({ firstTouch: 0, lastTouch: 1000 });
    expect(row(f.paid).linear).toBeCloseTo(1000 / 3, 6);
    expect(row(f.partner)).toMatchObject({
      source: 'Partner',
      category: 'partner',
      firstTouch: 700,
      lastTouch: 700,
      linear: 700,
    });
    expect(a.totals).toMatchObject({ wonRevenue: 4700, deals: 3, firstTouch: 4700, lastTouch: 4700 });
    expect(a.totals.linear).toBeCloseTo(4700, 6);
  });

  it('reconciles to zero when nothing was won', async () => {
    // Category "other" holds U1 and U2 (no source): neither was won.
    const none = await revenueAttribution(handle.db, { ...q1, categories: ['other'] });
    expect(none).toEqual({
      rows: [],
      totals: { wonRevenue: 0, deals: 0, firstTouch: 0, lastTouch: 0, linear: 0 },
    });
  });
});
