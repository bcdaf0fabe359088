import type { DbHandle } from '@salesready/db/client';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { weeklyTrend } from '@salesready/db/queries/trend/weekly-trend';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const tz = 'America/New_York';
const q1 = { from: '2025-02-01', to: '2025-05-01', timezone: tz };

describeOnBackend('overview figures on hand-computed leads', () => {
  let handle: DbHandle;
  let ids: { paid: number; partner: number };
  beforeAll(async () => {
    handle = await openTestDb();
    ids = await seedQuarterFixture(handle.db);
  });
  afterAll(() => handle?.close());

  it('counts a fiscal quarter in the company time zone, boundaries included', async () => {
    expect(await overviewKpis(handle.db, q1)).toEqual({
      leads: 8,
      salesReady: 5,
      salesReadyRate: 0.5,
      medianDaysToSalesReady: 7,
      wonRevenue: 1500,
    });
  });

  it('gives null, not NaN, when there is nothing to divide by', async () => {
    expect(await overviewKpis(handle.db, { from: '2024-02-01', to: '2024-05-01', timezone: tz })).toEqual({
      leads: 0,
      salesReady: 0,
      salesReadyRate: null,
      medianDaysToSalesReady: null,
      wonRevenue: 0,
    });
  });

  it('moves leads across the boundary when the time zone changes', async () => {
    const utc = await overviewKpis(handle.db, { ...q1, timezone: 'UTC' });
    // In UTC, L2 (04:59:59Z on Feb 1) joins the quarter and L3 (03:59:59Z on May 1) leaves it.
    expect(utc.leads).toBe(8);
    const feb1 = await overviewKpis(handle.db, { from: '2025-02-01', to: '2025-02-02', timezone: 'UTC' });
    const feb1NewYork = await overviewKpis(handle.db, { from: '2025-02-01', to: '2025-02-02', timezone: tz });
    expect(feb1.leads).toBe(2);
    expect(feb1NewYork.leads).toBe(1);
  });

  it('filters by source', async () => {
    const paid = await overviewKpis(handle.db, { ...q1, sourceIds: [ids.paid] });
    // Paid: L1 L7 L9 L10 L11 created; L1 L7 L10 of them sales-ready; L1 L6 L7 L10 ready in Q1 (4, 26, 2 days).
    expect(paid).toEqual({
      leads: 5,
      salesReady: 4,
      salesReadyRate: 0.6,
      medianDaysToSalesReady: 4,
      wonRevenue: 500,
    });
    const partner = await overviewKpis(handle.db, { ...q1, categories: ['partner'] });
    expect(partner).toMatchObject({ leads: 3, salesReady: 1, wonRevenue: 1000 });
  });

  it('buckets the weekly trend by local calendar weeks from the first day', async () => {
    const weeks = await weeklyTrend(handle.db, q1);
    expect(weeks).toHaveLength(13);
    expect(weeks[0]).toEqual({ weekStart: '2025-02-01', leads: 1, salesReady: 1 });
    expect(weeks.reduce((s, w) => s + w.leads, 0)).toBe(8);
    expect(weeks.reduce((s, w) => s + w.salesReady, 0)).toBe(5);
    // L3 was created at 23:59:59 on April 30 in New York: the last, partial week.
    expect(weeks[12]).toMatchObject({ weekStart: '2025-04-26', leads: 1 });
  });
});
