import type { Database } from '@salesready/db/client';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { filterFor, type ResolvedPeriods } from './period-query';

export type Compared<T> = { [K in keyof T]: { value: T[K]; previous: T[K]; yearAgo: T[K] } };

/** Runs one figure query for the period and its two comparison periods, and pairs the results. */
export async function withComparisons<T extends object>(
  db: Database,
  periods: ResolvedPeriods,
  query: (db: Database, filter: MetricFilter) => Promise<T>,
): Promise<Compared<T>> {
  const [value, previous, yearAgo] = await Promise.all(
    [periods.current, periods.previous, periods.yearAgo].map((p) =>
      query(db, filterFor(p, periods.timezone)),
    ),
  );
  const out = {} as Compared<T>;
  for (const key of Object.keys(value as T) as (keyof T)[]) {
    out[key] = { value: value![key], previous: previous![key], yearAgo: yearAgo![key] };
  }
  return out;
}
