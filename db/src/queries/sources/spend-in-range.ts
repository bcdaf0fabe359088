import { type SQL, sql } from 'drizzle-orm';
import type { MetricFilter } from '../filter';

/*
 * Spend and sales cost are kept per calendar month; a range takes each month's amount in proportion to
 * the days of that month inside it (a quarter gets its months whole).
 */

/** `amount` of a month starting at `month`, prorated by the days of that month in the range. */
export function prorated(amount: SQL, month: SQL, filter: MetricFilter): SQL {
  return sql`${amount} * greatest(0, least(${filter.to}::date, (${month} + interval '1 month')::date)
                                    - greatest(${filter.from}::date, ${month}))
                       / ((${month} + interval '1 month')::date - ${month})`;
}

/** The months overlapping the range. */
export function monthsIn(month: SQL, filter: MetricFilter): SQL {
  return sql`${month} < ${filter.to}::date and ${month} > (${filter.from}::date - interval '1 month')`;
}
