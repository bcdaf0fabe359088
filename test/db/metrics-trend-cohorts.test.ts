import type { DbHandle } from '@salesready/db/client';
import { splitRange } from '@salesready/db/queries/buckets';
import { cohortConversion } from '@salesready/db/queries/cohorts/cohort-conversion';
import { sourceReport } from '@salesready/db/queries/sources/source-report';
import { trendPoints } from '@salesready/db/queries/trend/trend-series';
import { weeklyTrend } from '@salesready/db/queries/trend/weekly-trend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMetricsFixture } from '../helpers/metrics-fixture';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const q1 = { from: '2025-01-01', to: '2025-04-01', timezone: 'UTC' };

describeOnBackend('trend and cohorts', () => {
  describe('on hand-computed leads (metrics-fixture.ts, UTC)', () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb();
      await seedMetricsFixture(handle.db);
    });
    afterAll(() => handle?.close());

    it('gives every series per month', async () => {
      const points = await trendPoints(handle.db, q1, splitRange(q1, 'month'));
      // Jan: created A1 A2 W1 U2 (all sales-ready → rate 1); MQL A1 A2 W1; SR A1 A2 W1 P2; opp W1 P2.
      // Feb: created A3 W2 P1 (none sales-ready); MQL W2; opp A1 A2 U2; won W1 P1 (3000 + 700).
      // Mar: created A4 U1 (A4 sales-ready → 0.5); MQL U1; SR A4; won A1 (1000).
      expect(points).toEqual([
        {
          label: '2025-01',
          from: '2025-01-01',
          to: '2025-02-01',
          leads: 4,
          mqls: 3,
          salesReady: 4,
          opportunities: 2,
          won: 0,
          revenue: 0,
          salesReadyRate: 1,
          // Jan SRLs A1 10, A2 10, W1 4, P2 21 days → median 10.
          medianDaysToSalesReady: 10,
        },
        {
          label: '2025-02',
          from: '2025-02-01',
          to: '2025-03-01',
          leads: 3,
          mqls: 1,
          salesReady: 0,
          opportunities: 3,
          won: 2,
          revenue: 3700,
          salesReadyRate: 0,
          // No SRL in Feb.
          medianDaysToSalesReady: null,
        },
        {
          label: '2025-03',
          from: '2025-03-01',
          to: '2025-04-01',
          leads: 2,
          mqls: 1,
          salesReady: 1,
          opportunities: 0,
          won: 1,
          revenue: 1000,
          salesReadyRate: 0.5,
          // A4: 20 days.
          medianDaysToSalesReady: 20,
        },
      ]);
      // The slices add up to the period view's totals.
      const totals = (await sourceReport(handle.db, q1, 'period')).totals;
      const sum = (k: 'leads' | 'salesReady' | 'won' | 'revenue') => points.reduce((s, p) => s + p[k], 0);
      expect([sum('leads'), sum('salesReady'), sum('won'), sum('revenue')]).toEqual([
        totals.leads,
        totals.salesReady,
        totals.won,
        totals.revenue,
      ]);
    });

    it('gives the same weeks as the original weekly trend', async () => {
      const points = await trendPoints(handle.db, q1, splitRange(q1, 'week'));
      const weeks = await weeklyTrend(handle.db, q1);
      expect(points.map((p) => ({ weekStart: p.from, leads: p.leads, salesReady: p.salesReady }))).toEqual(
        weeks,
      );
    });

    it('reads each cohort at 30/60/90/180 days, null until the whole cohort is that old', async () => {
      const rows = await cohortConversion(
        handle.db,
        q1,
        splitRange(q1, 'month'),
        new Date('2025-05-15T00:00:00Z'),
      );
      // Jan (A1 A2 W1 U2), ends Feb 1: 90 days → May 2 (old enough), 180 → not yet.
      //   SR within 10, 10, 4, −3 days → 1 at every age; won A1 at 50, W1 at 41 → 0, .5, .5.
      // Feb (A3 W2 P1), ends Mar 1: 60 → Apr 30 (yes), 90 → May 30 (no). P1 won 9 days *before*
      //   it was created: reached at age 0 → 1/3 from day 30.
      // Mar (A4 U1), ends Apr 1: 30 → May 1 (yes), 60 → no. A4 sales-ready at 20 days.
      expect(rows).toEqual([
        {
          label: '2025-01',
          from: '2025-01-01',
          to: '2025-02-01',
          leads: 4,
          salesReady: { d30: 1, d60: 1, d90: 1, d180: null, toDate: 1 },
          won: { d30: 0, d60: 0.5, d90: 0.5, d180: null, toDate: 0.5 },
          salesReadyToDate: 4,
          wonToDate: 2,
          revenueToDate: 4000,
        },
        {
          label: '2025-02',
          from: '2025-02-01',
          to: '2025-03-01',
          leads: 3,
          salesReady: { d30: 0, d60: 0, d90: null, d180: null, toDate: 0 },
          won: { d30: 1 / 3, d60: 1 / 3, d90: null, d180: null, toDate: 1 / 3 },
          salesReadyToDate: 0,
          wonToDate: 1,
          revenueToDate: 700,
        },
        {
          label: '2025-03',
          from: '2025-03-01',
          to: '2025-04-01',
          leads: 2,
          salesReady: { d30: 0.5, d60: null, d90: null, d180: null, toDate: 0.5 },
          won: { d30: 0, d60: null, d90: null, d180: null, toDate: 0 },
          salesReadyToDate: 1,
          wonToDate: 0,
          revenueToDate: 0,
        },
      ]);
    });

    it('gives an empty cohort null rates, not NaN', async () => {
      const range = { ...q1, from: '2030-01-01', to: '2030-02-01' };
      const [row] = await cohortConversion(
        handle.db,
        range,
        splitRange(range, 'month'),
        new Date('2031-01-01T00:00:00Z'),
      );
      expect(row).toMatchObject({ leads: 0, salesReady: { d30: null, toDate: null }, won: { d180: null } });
    });
  });

  describe('on quarter boundaries: fiscal year from February, New York time (quarter-fixture.ts)', () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb();
      await seedQuarterFixture(handle.db);
    });
    afterAll(() => handle?.close());
    const tz = 'America/New_York';

    it('slices fiscal quarters and months in local time', async () => {
      const fy = { from: '2024-11-01', to: '2025-08-01', timezone: tz };
      const quarters = await trendPoints(handle.db, fy, splitRange(fy, 'quarter', 2));
      // 2025-Q4 (Nov–Jan): L2 (23:59:59 Jan 31 local) and L6 → 2 leads, no SRL (L6's is Feb 10).
      // 2026-Q1 (Feb–Apr): the quarter fixture's 8 leads and 5 SRLs, revenue 1500.
      // 2026-Q2 (May–Jul): L4 (00:00 May 1 local).
      expect(quarters.map((p) => [p.label, p.leads, p.salesReady, p.revenue])).toEqual([
        ['2025-Q4', 2, 0, 0],
        ['2026-Q1', 8, 5, 1500],
        ['2026-Q2', 1, 0, 0],
      ]);
      const q = { from: '2025-02-01', to: '2025-05-01', timezone: tz };
      const months = await trendPoints(handle.db, q, splitRange(q, 'month', 2));
      // Feb: L1 (00:00 Feb 1 local). Mar: L5 L7 L8 L10 L11. Apr: L9 (08:00 Apr 1 local), L3 (23:59:59 Apr 30).
      expect(months.map((p) => [p.label, p.leads])).toEqual([
        ['2025-02', 1],
        ['2025-03', 5],
        ['2025-04', 2],
      ]);
    });

    it('groups cohorts by fiscal quarter', async () => {
      const range = { from: '2024-11-01', to: '2025-05-01', timezone: tz };
      const rows = await cohortConversion(
        handle.db,
        range,
        splitRange(range, 'quarter', 2),
        new Date('2026-01-01T00:00:00Z'),
      );
      // 2025-Q4: L2, L6 (sales-ready 26 days after creation) → SR within 30: 1/2.
      // 2026-Q1: 8 leads, 4 sales-ready to date (L1 4 days, L5 10, L7 before creation, L10 2).
      expect(rows.map((r) => [r.label, r.leads, r.salesReady.d30, r.salesReady.toDate])).toEqual([
        ['2025-Q4', 2, 0.5, 0.5],
        ['2026-Q1', 8, 0.5, 0.5],
      ]);
    });
  });
});
