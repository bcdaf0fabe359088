import { metricsQuery, periodQuery } from '@salesready/api/figures/period-query';
import { defined } from '@salesready/db/defined';
import { splitRange } from '@salesready/db/queries/buckets';
import { previousRange } from '@salesready/db/queries/filter';
import { describe, expect, it } from 'vitest';

describe('splitRange', () => {
  it('counts weeks from the first day and cuts the last one short', () => {
    const weeks = splitRange({ from: '2025-02-01', to: '2025-02-20' }, 'week');
    expect(weeks).toEqual([
      { label: '2025-02-01', from: '2025-02-01', to: '2025-02-08' },
      { label: '2025-02-08', from: '2025-02-08', to: '2025-02-15' },
      { label: '2025-02-15', from: '2025-02-15', to: '2025-02-20' },
    ]);
  });

  it('cuts calendar months to the range', () => {
    expect(splitRange({ from: '2025-01-15', to: '2025-03-10' }, 'month')).toEqual([
      { label: '2025-01', from: '2025-01-15', to: '2025-02-01' },
      { label: '2025-02', from: '2025-02-01', to: '2025-03-01' },
      { label: '2025-03', from: '2025-03-01', to: '2025-03-10' },
    ]);
  });

  it('follows fiscal quarters, named by the year they end in', () => {
    expect(splitRange({ from: '2024-12-01', to: '2025-06-01' }, 'quarter', 2)).toEqual([
      { label: '2025-Q4', from: '2024-12-01', to: '2025-02-01' },
      { label: '2026-Q1', from: '2025-02-01', to: '2025-05-01' },
      { label: '2026-Q2', from: '2025-05-01', to: '2025-06-01' },
    ]);
    expect(splitRange({ from: '2026-01-01', to: '2027-01-01' }, 'quarter', 1).map((b) => b.label)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
  });

  it('adds up to the range exactly', () => {
    for (const grain of ['week', 'month', 'quarter'] as const) {
      const slices = splitRange({ from: '2023-03-17', to: '2026-01-09' }, grain, 7);
      expect(defined(slices[0]).from).toBe('2023-03-17');
      expect(defined(slices.at(-1)).to).toBe('2026-01-09');
      for (let i = 1; i < slices.length; i++) expect(defined(slices[i]).from).toBe(defined(slices[i - 1]).to);
    }
  });
});

describe('previousRange (lead velocity rate)', () => {
  it('steps back whole months for month-aligned ranges', () => {
    expect(previousRange({ from: '2025-02-01', to: '2025-05-01' })).toEqual({
      from: '2024-11-01',
      to: '2025-02-01',
    });
    expect(previousRange({ from: '2025-03-01', to: '2025-04-01' })).toEqual({
      from: '2025-02-01',
      to: '2025-03-01',
    });
  });

  it('steps back the same number of days otherwise', () => {
    expect(previousRange({ from: '2025-03-10', to: '2025-03-20' })).toEqual({
      from: '2025-02-28',
      to: '2025-03-10',
    });
  });
});

describe('metrics query parameters', () => {
  const parse = (schema: typeof periodQuery, query: Record<string, string | string[]>) =>
    schema.safeParse(query);

  it('splits source ids and categories on commas and accepts repeats', () => {
    const r = parse(periodQuery, {
      source: ['1,2', '3'],
      category: 'marketing,partner',
      segment: ['SMB, EU', 'ENT'],
    });
    expect(r.success && r.data).toEqual({
      source: [1, 2, 3],
      category: ['marketing', 'partner'],
      segment: ['SMB, EU', 'ENT'],
    });
  });

  it('treats an empty filter as none', () => {
    const r = parse(periodQuery, { source: '' });
    expect(r.success && r.data).toEqual({ source: [] });
  });

  it('refuses unknown parameters by name', () => {
    const r = parse(metricsQuery({}), { veiw: 'cohort' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['veiw']);
  });
});
