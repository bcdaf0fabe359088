import type { Database } from '@salesready/db/client';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { filterFor, type ResolvedPeriods } from './period-query';

export type Compared<T> = { [K in keyof T]: { value: T[K]; previous: T[K]; yearAgo: T[K] } };

/**
 * Runs one figure query for the period and its two comparison periods, and pairs the results. While the
 * period is in progress the comparison periods are cut to the same day (`comparisonPeriods`) and count
 * only the stages their leads had reached by that day, so a young quarter meets a quarter of the same age.
 */
export async function withComparisons<T extends object>(
  db: Database,
  periods: ResolvedPeriods,
  query: (db: Database, filter: MetricFilter) => Promise<T>,
): Promise<Compared<T>> {
  const asOfSameDay = periods.daysElapsed !== null;
  const compare = (p: ResolvedPeriods['previous']) =>
    query(db, { ...filterFor(p, periods.timezone), ...(asOfSameDay && { reachedBy: p.to }) });
  const [value, previous, yearAgo] = await Promise.all([
    query(db, filterFor(periods.current, periods.timezone)),
    compare(periods.previous),
    compare(periods.yearAgo),
  ]);
  const out = {} as Compared<T>;
  for (const key of Object.keys(value) as (keyof T)[]) {
    out[key] = { value: value[key], previous: previous[key], yearAgo: yearAgo[key] };
  }
  return out;
}
