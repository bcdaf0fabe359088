import { trackRecordSentence } from '@salesready/api/figures/track-record-words';
import { defined } from '@salesready/db/defined';
import {
  calibratedRange,
  eightyPercentBounds,
  errorsNear,
  quantile,
  type RecordRow,
  trackRecordAt,
  weekOfQuarter,
} from '@salesready/db/forecast/calibration';
import { describe, expect, it } from 'vitest';

// Five past quarters, each finishing at 100, projected at week 4 so that final ÷ projection − 1 is
// −20%, −10%, 0, +10% and +25%: the projections 125, 111.1…, 100, 90.9… and 80.
const errors: Record<string, number> = { A: -0.2, B: -0.1, C: 0, D: 0.1, E: 0.25 };
const row = (quarter: string, week: number, error: number): RecordRow => ({
  quarter,
  week,
  metric: 'revenue',
  actualToDate: 50,
  projection: 100 / (1 + error),
  low: 0,
  high: 1000,
  final: 100,
});
const record = Object.entries(errors).map(([q, e]) => row(q, 4, e));

describe('the forecast calibrated from its own track record', () => {
  it('reads the week of the quarter from the days elapsed', () => {
    expect([0, 1, 7, 8, 28, 29, 90, 91, 92].map(weekOfQuarter)).toEqual([1, 1, 1, 2, 4, 5, 13, 13, 13]);
  });

  it('takes quantiles by linear interpolation', () => {
    const sorted = [-0.2, -0.1, 0, 0.1, 0.25];
    // (n − 1)·q = 0.4 → −0.2 + 0.4 × 0.1; 3.6 → 0.1 + 0.6 × 0.15.
    expect(quantile(sorted, 0.1)).toBeCloseTo(-0.16, 12);
    expect(quantile(sorted, 0.9)).toBeCloseTo(0.19, 12);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('pools the errors of the weeks either side, never a quarter left out', () => {
    const pooled = [...record, row('A', 3, 0.5), row('A', 6, 0.9)];
    const near = errorsNear(pooled, 'revenue', 4).sort((a, b) => a - b);
    expect(near).toEqual([-0.2, -0.1, 0, 0.1, 0.25, 0.5].map((e) => expect.closeTo(e, 12)));
    expect(errorsNear(pooled, 'revenue', 4, 'A')).toHaveLength(4);
    expect(errorsNear(pooled, 'leads', 4)).toEqual([]);
  });

  it('bounds an 80% range by the k-th smallest and largest error, k = ⌊(n + 1) × 0.1⌋, at least 1', () => {
    expect(eightyPercentBounds([0.3, -0.2, 0.1])).toEqual([-0.2, 0.3]);
    // n = 21: k = 2, the second smallest and second largest (19 of 22 = 86% for the next one).
    const errors = Array.from({ length: 21 }, (_, i) => (i - 10) / 100);
    expect(eightyPercentBounds(errors)).toEqual([-0.09, 0.09]);
    // n = 29: k = 3.
    expect(eightyPercentBounds(Array.from({ length: 29 }, (_, i) => i))).toEqual([2, 26]);
    expect(eightyPercentBounds([])).toBeNull();
  });

  it('applies the bounds to today’s projection, never below the actual', () => {
    // Five errors: k = 1, the smallest and largest: 200 × (1 − 0.2) = 160 and 200 × 1.25 = 250.
    const range = defined(calibratedRange(record, 'revenue', 4, { projection: 200, actualToDate: 150 }));
    expect(range.low).toBeCloseTo(160, 9);
    expect(range.high).toBeCloseTo(250, 9);
    expect(defined(calibratedRange(record, 'revenue', 4, { projection: 200, actualToDate: 180 })).low).toBe(
      180,
    );
  });

  it('states the median error, the lean, and how often a range made without the quarter held it', () => {
    // Signed errors (projection − final) ÷ final: +25%, +11.1%, 0, −9.1%, −20%.
    // Left out in turn: A's range from B–E is 125 × [0.9, 1.25] = 112.5–156.25, above its 100;
    // E's from A–D is 80 × [0.8, 1.1] = 64–88, below it; B, C and D hold theirs: 3 of 5.
    const r = trackRecordAt(record, 'revenue', 4);
    expect(r).toMatchObject({
      week: 4,
      recorded: 5,
      quarters: 5,
      withinTenPercent: 2,
      rangeHeld: 3,
      tooShort: false,
    });
    expect(r.medianAbsError).toBeCloseTo(1 / 9, 9);
    expect(r.lean).toBeCloseTo(0, 12);
    expect(r.coverage).toBeCloseTo(0.6, 12);
  });

  it('says the record is too short below four quarters, and keeps the model’s range', () => {
    const short = record.slice(0, 3);
    expect(calibratedRange(short, 'revenue', 4, { projection: 200, actualToDate: 0 })).toBeNull();
    expect(trackRecordAt(short, 'revenue', 4)).toMatchObject({
      quarters: 3,
      tooShort: true,
      rangeHeld: null,
      coverage: null,
    });
  });

  it('says it in one sentence, the same on the pacing page and in the board pack', () => {
    expect(trackRecordSentence(trackRecordAt(record, 'revenue', 4))).toBe(
      'At week 4, this projection has been within 10% of the final in 2 of the last 5 quarters (median miss 11%, no lean); its range held the final in 3 of 5.',
    );
    const high = record.map((r) => ({ ...r, projection: r.projection * 1.2 }));
    expect(trackRecordSentence(trackRecordAt(high, 'revenue', 4))).toContain('leaning high by 20%');
    expect(trackRecordSentence(trackRecordAt(record.slice(0, 2), 'revenue', 4))).toBe(
      "Track record: 2 quarters so far, too few to judge the range by (4 are needed), so the range is the model's own.",
    );
    expect(trackRecordSentence(trackRecordAt([], 'revenue', 4))).toMatch(/^No track record yet/);
    const none = record.map((r) => ({ ...r, final: 0 }));
    expect(trackRecordSentence(trackRecordAt(none, 'revenue', 4))).toBe(
      'Track record: none of the last 5 quarters had any to project.',
    );
  });
});
