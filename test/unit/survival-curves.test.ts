import { fitCurves } from '@salesready/db/queries/pacing/survival-curves';
import { describe, expect, it } from 'vitest';

/*
 * Four days (0…3) of one source's history, which is also the pooled curve (-1), worked by hand:
 *   day 0: 1 event; day 1: 1 exit; day 2: 1 event and 1 still waiting.
 *   at risk (weight ending on the day or later, less what only waited that day): 4, 3, 1, 0
 *   event hazard 1/4, 0, 1, 0; exit hazard 0, 1/3, 0, 0
 *   survival to each day 1, 3/4, 1/2, 1/2 × 1e-12; event before each day 0, 1/4, 1/4, 3/4
 * Source 2 has no history: with its pseudo-leads it follows the pooled curve exactly.
 */
const inputs = {
  keys: [1, -1, 2],
  counts: [
    [1, 0, 1, 0, 0],
    [1, 1, 0, 1, 0],
    [1, 2, 1, 0, 1],
    [-1, 0, 1, 0, 0],
    [-1, 1, 0, 1, 0],
    [-1, 2, 1, 0, 1],
  ] as [number, number, number, number, number][],
  waiting: [
    // Entered this quarter, 2 days ago: 2 leads, 100 of amount, 1 of them without one.
    [1, true, 2, 2, 100, 1],
    // Entered before it, today: 1 lead.
    [1, false, 0, 1, 0, 0],
  ] as [number, boolean, number, number, number, number][],
  entrants: [[1, 1, 2, 1]] as [number, number, number, number][],
  amounts: [
    [1, 50],
    [-1, 50],
  ] as [number, number | null][],
  unitWeight: 1,
};

describe('the survival curves of a transition', () => {
  const rows = fitCurves(inputs, 1, 3, 2, 20);
  const row = (key: number) => rows.find((r) => r.sourceKey === key);

  it('gives one row per source key, in order', () => {
    expect(rows.map((r) => r.sourceKey)).toEqual([-1, 1, 2]);
  });

  it('expects of the waiting leads what the curve says of their ages', () => {
    const one = row(1);
    // Age 2: event chance (3/4 − 1/4) ÷ 1/2 = 1 before the quarter ends (1 day), still waiting 1e-12.
    expect(one?.openCurrent).toBe(2);
    expect(one?.expectedCurrent).toBeCloseTo(2, 12);
    // 100 plus the missing amount at the source's mean deal (50).
    expect(one?.expectedAmountCurrent).toBeCloseTo(150, 9);
    // Age 0: event chance (1/4 − 0) ÷ 1 = 1/4; still waiting 3/4.
    expect(one?.openOlder).toBe(1);
    expect(one?.expectedOlder).toBeCloseTo(0.25, 12);
    expect(one?.expectedAmountOlder).toBe(0);
    expect(one?.openAmount).toBe(150);
    expect(one?.stillOpenAmount).toBeCloseTo(150e-12, 20);
  });

  it('compares this quarter’s entrants with what history expected by their ages', () => {
    // 2 leads at age 1: 2 × (1/4 + ½ × (1/4 − 1/4)) = 1/2 expected, 1 seen.
    expect(row(1)?.observed).toBe(1);
    expect(row(1)?.expected).toBeCloseTo(0.5, 12);
  });

  it('yields, over the days left, the mean chance of the event and of still waiting', () => {
    for (const key of [-1, 1, 2]) {
      expect(row(key)?.yield).toBeCloseTo(0.25, 12);
      expect(row(key)?.openYield).toBeCloseTo(0.75, 12);
      // The event within `maxOpenDays` (2) of entry.
      expect(row(key)?.eventualRate).toBeCloseTo(0.25, 12);
    }
  });

  it('gives a source without history the pooled curve, nothing waiting, and the pooled mean amount', () => {
    expect(row(2)).toMatchObject({ openCurrent: 0, openOlder: 0, expectedCurrent: 0, observed: 0 });
    expect(row(2)?.meanAmount).toBeNull();
    expect(row(-1)?.meanAmount).toBe(50);
  });

  it('with no days left, yields nothing', () => {
    const closed = fitCurves(inputs, 0, 3, 2, 20);
    expect(closed.find((r) => r.sourceKey === 1)).toMatchObject({
      yield: 0,
      openYield: 0,
      expectedCurrent: 0,
    });
  });
});
