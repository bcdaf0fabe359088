import { defined } from '@salesready/db/defined';
import { recentWeeks } from '@salesready/db/queries/buckets';
import { describe, expect, it } from 'vitest';

const q4 = { from: '2026-10-01', to: '2027-01-01' };
const ends = (weeks: { from: string; to: string }[]) => [
  defined(weeks[0]).from,
  defined(weeks.at(-1)).to,
  weeks.length,
];

describe('the 13 weeks a KPI sparkline covers (recentWeeks)', () => {
  it('ends with today while the quarter runs, reaching back into the previous quarter', () => {
    // The end of 23 Nov is 24 Nov; 91 days before it is 25 Aug.
    expect(ends(recentWeeks(q4, '2026-11-23', 13))).toEqual(['2026-08-25', '2026-11-24', 13]);
    expect(recentWeeks(q4, '2026-11-23', 13).at(-1)).toEqual({
      label: '2026-11-17',
      from: '2026-11-17',
      to: '2026-11-24',
    });
    // Day one of the quarter: 12 weeks of the previous quarter and the first day of this one.
    expect(ends(recentWeeks(q4, '2026-10-01', 13))).toEqual(['2026-07-03', '2026-10-02', 13]);
  });

  it("is the quarter's last 13 weeks once it has ended, and leads into one not begun", () => {
    expect(ends(recentWeeks(q4, '2027-03-10', 13))).toEqual(['2026-10-02', '2027-01-01', 13]);
    expect(ends(recentWeeks(q4, '2026-06-01', 13))).toEqual(['2026-07-02', '2026-10-01', 13]);
  });

  it('gives whole weeks that join end to end', () => {
    const weeks = recentWeeks(q4, '2026-12-05', 13);
    for (const [i, w] of weeks.entries()) {
      expect((Date.parse(w.to) - Date.parse(w.from)) / 86_400_000).toBe(7);
      if (i > 0) expect(w.from).toBe(defined(weeks[i - 1]).to);
    }
  });
});
