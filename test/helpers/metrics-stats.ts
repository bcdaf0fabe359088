/** percentile_cont in plain JavaScript: linear interpolation between the closest ranks. */
import { defined } from '@salesready/db/defined';
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return defined(sorted[lower]) + (defined(sorted[upper]) - defined(sorted[lower])) * (position - lower);
}

/** Counts of `items` by key. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1);
  return out;
}
