import type { DbHandle } from '@salesready/db/client';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { type QuarterPacing, quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertFunnelLeads, insertTargets } from '../helpers/pacing-fixtures';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

/**
 * Calendar quarters in UTC; 2026-Q1 as of 2026-02-15. The first lead is of 2025-09-15, so the history
 * is 2025-Q4 alone (2025-10-01..2026-01-01). Opportunities open on 1 October: A 100 (won in November),
 * B 300 (never closed), C 200 (lost in December): 600, of which B's 300 still open on 1 January →
 * slippage 0.5. D 1000 opened and won in October (not open at the start). Closed in the window: won
 * A 100 + D 1000, lost C 200 → win rate 1100 ÷ 1300. Coverage needed 1 ÷ (1100/1300 × 0.5) = 2600/1100;
 * 2026-Q2's revenue target 1000 → 2,363.6… needed.
 */
describeOnBackend('next quarter’s coverage needed, from the win rate and the slippage', () => {
  let handle: DbHandle;
  let p: QuarterPacing;

  beforeAll(async () => {
    handle = await openTestDb();
    await insertFunnelLeads(handle.db, [
      {
        externalId: 'A',
        createdAt: '2025-09-15T12:00:00Z',
        opportunityAt: '2025-09-15T12:00:00Z',
        wonAt: '2025-11-01T12:00:00Z',
        amount: 100,
      },
      {
        externalId: 'B',
        createdAt: '2025-09-20T12:00:00Z',
        opportunityAt: '2025-09-20T12:00:00Z',
        amount: 300,
      },
      {
        externalId: 'C',
        createdAt: '2025-09-25T12:00:00Z',
        opportunityAt: '2025-09-25T12:00:00Z',
        lostAt: '2025-12-01T12:00:00Z',
        amount: 200,
      },
      {
        externalId: 'D',
        createdAt: '2025-10-05T12:00:00Z',
        opportunityAt: '2025-10-05T12:00:00Z',
        wonAt: '2025-10-20T12:00:00Z',
        amount: 1000,
      },
    ]);
    await insertTargets(handle.db, [{ quarter: '2026-Q2', metric: 'revenue', value: 1000 }]);
    const w = pacingWindow({
      quarter: '2026-Q1',
      asOf: '2026-02-15',
      timezone: 'UTC',
      fiscalYearStartMonth: 1,
      firstDataDate: await firstLeadDate(handle.db, 'UTC'),
    });
    expect(w.history.map((h) => h.label)).toEqual(['2025-Q4']);
    p = await quarterPacing(handle.db, w, { from: w.quarter.from, to: w.quarter.to, timezone: 'UTC' });
  });
  afterAll(() => handle?.close());

  it('needs 1 ÷ (win rate × (1 − slippage)) of the revenue target as starting pipeline', () => {
    const n = p.nextQuarter;
    expect(n.quarter).toBe('2026-Q2');
    expect(n.winRate).toBeCloseTo(1100 / 1300, 12);
    expect(n.slippage).toBeCloseTo(0.5, 12);
    expect(n.coverageNeeded).toBeCloseTo(2600 / 1100, 12);
    expect(n.requiredPipeline).toBeCloseTo((1000 * 2600) / 1100, 9);
    expect(n.shortfall).toBeCloseTo((1000 * 2600) / 1100 - n.startingPipeline, 9);
  });
});
