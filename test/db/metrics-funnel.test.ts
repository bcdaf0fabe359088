import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { funnelReport } from '@salesready/db/queries/funnel/funnel-report';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedMetricsFixture } from '../helpers/metrics-fixture';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const q1 = { from: '2025-01-01', to: '2025-04-01', timezone: 'UTC' };

describeOnBackend('funnel on hand-computed leads (metrics-fixture.ts)', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
    await seedMetricsFixture(handle.db);
  });
  afterAll(() => handle?.close());

  it('cohort view: stages, conversions, drop-off and days in stage of the leads created in Q1', async () => {
    const f = await funnelReport(handle.db, q1, 'cohort');
    // 9 leads (all but P2). MQL: A1 A2 W1 W2 U1. SR: A1 A2 A4 W1 U2. SAL: A1 W1.
    // Opp: A1 A2 W1 U2. Won: A1 W1 P1. Step SR←MQL: A1 A2 W1 of 5 MQLs; SAL←SR: A1 W1 of 5;
    // opp←SAL: 2 of 2; won←opp: A1 W1 of 4.
    // Days in stage — lead: A1 2, A2 1, A4 20, W1 1, W2 1, U1 1 (P1, U2 out of order; A3 never
    // moved) → median 1. MQL: A1 8, A2 9, W1 3 → 8. SR: A1 1, A2 16 (to opp: skipped SAL),
    // W1 1, U2 33 → 8.5. SAL: A1 11, W1 10 → 10.5. Opp: A1 28 (won), A2 28 (lost), W1 26 → 28.
    expect(f.stages).toEqual([
      {
        stage: 'lead',
        count: 9,
        converted: null,
        stepConversion: null,
        cumulativeConversion: 1,
        reachedFromCreated: 9,
        dropOff: null,
        dropOffRate: null,
        medianDaysInStage: 1,
      },
      {
        stage: 'mql',
        count: 5,
        converted: 5,
        stepConversion: 5 / 9,
        cumulativeConversion: 5 / 9,
        reachedFromCreated: 5,
        dropOff: 4,
        dropOffRate: 4 / 9,
        medianDaysInStage: 8,
      },
      {
        stage: 'salesReady',
        count: 5,
        converted: 3,
        stepConversion: 0.6,
        cumulativeConversion: 5 / 9,
        reachedFromCreated: 5,
        dropOff: 2,
        dropOffRate: 0.4,
        medianDaysInStage: 8.5,
      },
      {
        stage: 'accepted',
        count: 2,
        converted: 2,
        stepConversion: 0.4,
        cumulativeConversion: 2 / 9,
        reachedFromCreated: 2,
        dropOff: 3,
        dropOffRate: 0.6,
        medianDaysInStage: 10.5,
      },
      {
        stage: 'opportunity',
        count: 4,
        converted: 2,
        stepConversion: 1,
        cumulativeConversion: 4 / 9,
        reachedFromCreated: 4,
        dropOff: 0,
        dropOffRate: 0,
        medianDaysInStage: 28,
      },
      {
        stage: 'won',
        count: 3,
        converted: 2,
        stepConversion: 0.5,
        cumulativeConversion: 1 / 3,
        reachedFromCreated: 3,
        dropOff: 2,
        dropOffRate: 0.5,
        medianDaysInStage: null,
      },
    ]);
    // Lost: A2 (1 of 4 opportunities); disqualified: W2 (1 of 9 leads).
    expect(f.exits).toEqual([
      { stage: 'lost', count: 1, from: 'opportunity', conversion: 0.25, left: 1 },
      { stage: 'disqualified', count: 1, from: 'lead', conversion: 1 / 9, left: 1 },
    ]);
    // Skipped MQL: A4 (SR), P1 (won), U2 (SR). Skipped SR: P1. Skipped SAL: A2, P1, U2. Skipped
    // opp: P1. Any: A2 A4 P1 U2. Out of order: P1 (won before created), U2 (SR before created).
    expect(f.anomalies).toEqual({
      leadsInScope: 9,
      skipped: { mql: 3, salesReady: 1, accepted: 3, opportunity: 1 },
      skippedAny: 4,
      outOfOrder: 2,
    });
  });

  it('period view: each stage counted when it happened in Q1', async () => {
    const f = await funnelReport(handle.db, q1, 'period');
    // MQL in Q1: A1 A2 W1 W2 U1. SR: A1 A2 A4 W1 P2 (U2's was in December). SAL: A1 W1.
    // Opp: A1 A2 W1 P2 U2. Won: A1 W1 P1 (P2 won in April). Lost A2; disqualified W2.
    expect(f.stages.map((s) => s.count)).toEqual([9, 5, 5, 2, 5, 3]);
    // Won←opp: of the opps in Q1, A1 W1 P2 won (to date) = 3/5.
    expect(defined(f.stages[5]).stepConversion).toBe(0.6);
    // Scope: the 9 created in Q1 and P2 (SR, opp in Q1).
    expect(f.anomalies.leadsInScope).toBe(10);
    expect(f.exits.map((e) => e.count)).toEqual([1, 1]);
  });

  it('answers an empty range with zero counts and null rates', async () => {
    const f = await funnelReport(handle.db, { ...q1, from: '2030-01-01', to: '2030-04-01' }, 'cohort');
    expect(f.stages.every((s) => s.count === 0 && s.cumulativeConversion === null)).toBe(true);
    expect(f.stages.every((s) => s.medianDaysInStage === null)).toBe(true);
    expect(f.stages[1]).toMatchObject({ stepConversion: null, dropOff: 0, dropOffRate: null });
    expect(f.anomalies).toMatchObject({ leadsInScope: 0, skippedAny: 0, outOfOrder: 0 });
  });
});
