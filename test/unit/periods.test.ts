import {
  comparisonPeriods,
  fiscalQuarter,
  monthsInWords,
  quarterOfDate,
  shiftQuarter,
} from '@salesready/db/periods';
import { describe, expect, it } from 'vitest';

describe('fiscal quarters', () => {
  it('follows the calendar when the fiscal year starts in January', () => {
    expect(fiscalQuarter(2026, 1, 1)).toEqual({ label: '2026-Q1', from: '2026-01-01', to: '2026-04-01' });
    expect(fiscalQuarter(2026, 4, 1)).toEqual({ label: '2026-Q4', from: '2026-10-01', to: '2027-01-01' });
  });

  it('names a fiscal year by the calendar year it ends in', () => {
    expect(fiscalQuarter(2026, 1, 2)).toEqual({ label: '2026-Q1', from: '2025-02-01', to: '2025-05-01' });
    expect(fiscalQuarter(2026, 4, 2)).toEqual({ label: '2026-Q4', from: '2025-11-01', to: '2026-02-01' });
    expect(quarterOfDate('2026-01-31', 2).label).toBe('2026-Q4');
    expect(quarterOfDate('2026-02-01', 2).label).toBe('2027-Q1');
    expect(quarterOfDate('2026-11-23', 1).label).toBe('2026-Q4');
    expect(quarterOfDate('2026-11-23', 10).label).toBe('2027-Q1');
  });

  it('shifts across fiscal years', () => {
    expect(shiftQuarter('2026-Q1', -1, 1).label).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q1', -4, 2)).toEqual({
      label: '2025-Q1',
      from: '2024-02-01',
      to: '2024-05-01',
    });
    expect(shiftQuarter('2025-Q4', 1, 1)).toEqual({ label: '2026-Q1', from: '2026-01-01', to: '2026-04-01' });
  });

  it('compares a date range with the same length before and the same dates a year before', () => {
    const { previous, yearAgo } = comparisonPeriods({ label: 'x', from: '2026-03-01', to: '2026-03-11' }, 1);
    expect(previous).toMatchObject({ from: '2026-02-19', to: '2026-03-01' });
    expect(yearAgo).toMatchObject({ from: '2025-03-01', to: '2025-03-11' });
  });

  it('compares an in-progress quarter like for like: the same number of days of the other quarters', () => {
    const q4 = fiscalQuarter(2026, 4, 1);
    const { previous, yearAgo, daysElapsed } = comparisonPeriods(q4, 1, '2026-11-23');
    // Oct 1 – Nov 23 is 54 days: Jul 1 – Aug 23 and Oct 1 – Nov 23 2025.
    expect(daysElapsed).toBe(54);
    expect(previous).toEqual({ label: '2026-Q3', from: '2026-07-01', to: '2026-08-24' });
    expect(yearAgo).toEqual({ label: '2025-Q4', from: '2025-10-01', to: '2025-11-24' });
    expect(comparisonPeriods(q4, 1, '2027-01-05').daysElapsed).toBeNull();
    expect(comparisonPeriods(q4, 1, '2026-12-31').previous.to).toBe('2026-10-01');
  });

  it('names the months a quarter spans, with both years when it straddles one', () => {
    expect(monthsInWords(fiscalQuarter(2026, 1, 2))).toBe('Feb–Apr 2025');
    expect(monthsInWords(fiscalQuarter(2026, 4, 1))).toBe('Oct–Dec 2026');
    expect(monthsInWords(fiscalQuarter(2026, 4, 2))).toBe('Nov 2025 – Jan 2026');
  });
});
