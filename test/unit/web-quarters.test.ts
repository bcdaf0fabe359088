import {
  compareQuarterLabels,
  isQuarterLabel,
  periodName,
  quarterName,
  recentQuarters,
  shiftQuarterLabel,
} from '@salesready/web/lib/quarters';
import { describe, expect, it } from 'vitest';

describe('quarter labels in the web app', () => {
  it('tells a quarter label from a range label', () => {
    expect(isQuarterLabel('2026-Q4')).toBe(true);
    expect(isQuarterLabel('2026-Q5')).toBe(false);
    expect(isQuarterLabel('2026-01-01..2026-02-01')).toBe(false);
  });

  it('names a quarter as people read it and leaves other labels as they are', () => {
    expect(quarterName('2026-Q4')).toBe('Q4 2026');
    expect(quarterName('2026-01-01..2026-02-01')).toBe('2026-01-01..2026-02-01');
  });

  it('steps quarters across years, forwards and back', () => {
    expect(shiftQuarterLabel('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarterLabel('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarterLabel('2026-Q2', -8)).toBe('2024-Q2');
    expect(shiftQuarterLabel('not a quarter', 1)).toBe('not a quarter');
    expect(recentQuarters('2026-Q2', 3)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4']);
    expect(['2025-Q4', '2026-Q1', '2024-Q3'].sort(compareQuarterLabels)).toEqual([
      '2024-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
  });

  it('names a period: a quarter by name, a range by its first and last days', () => {
    expect(periodName({ label: '2026-Q1', from: '2025-02-01', to: '2025-05-01' })).toBe('Q1 2026');
    expect(periodName({ label: 'x', from: '2026-01-01', to: '2026-04-01' })).toBe('Jan 1 – Mar 31, 2026');
    expect(periodName({ label: 'x', from: '2025-12-15', to: '2026-01-16' })).toBe(
      'Dec 15, 2025 – Jan 15, 2026',
    );
  });
});
