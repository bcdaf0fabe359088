import { type SQL, sql } from 'drizzle-orm';
import type { SourceCategory } from '../schema/sources';

/** What every figure is filtered by: a date range in the company time zone, and lead attributes. */
export interface MetricFilter {
  /** First day, YYYY-MM-DD, in `timezone`. */
  from: string;
  /** Day after the last, YYYY-MM-DD, in `timezone`. */
  to: string;
  timezone: string;
  sourceIds?: number[];
  categories?: SourceCategory[];
  segments?: string[];
  countries?: string[];
  owners?: string[];
}

/** Start and end of the filter's range as timestamptz expressions (index-friendly constants). */
export function rangeBounds(filter: Pick<MetricFilter, 'from' | 'to' | 'timezone'>): { lo: SQL; hi: SQL } {
  return {
    lo: sql`(${filter.from}::date::timestamp at time zone ${filter.timezone})`,
    hi: sql`(${filter.to}::date::timestamp at time zone ${filter.timezone})`,
  };
}

/** `column` falls within the filter's range. */
export function inRange(column: SQL, filter: MetricFilter): SQL {
  const { lo, hi } = rangeBounds(filter);
  return sql`${column} >= ${lo} and ${column} < ${hi}`;
}

function textArray(values: string[]): string {
  // A Postgres array literal, bound as one parameter; quotes and backslashes escaped.
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** Conditions on the lead's attributes (alias `l`), joined with `and`; `true` when none apply. */
export function leadConditions(filter: MetricFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.sourceIds?.length)
    parts.push(sql`l.source_id = any(${`{${filter.sourceIds.join(',')}}`}::int[])`);
  if (filter.categories?.length) {
    parts.push(
      sql`l.source_id in (select id from sources where category = any(${textArray(filter.categories)}::text[]))`,
    );
  }
  if (filter.segments?.length) parts.push(sql`l.segment = any(${textArray(filter.segments)}::text[])`);
  if (filter.countries?.length) parts.push(sql`l.country = any(${textArray(filter.countries)}::text[])`);
  if (filter.owners?.length) parts.push(sql`l.owner = any(${textArray(filter.owners)}::text[])`);
  return sql.join(parts, sql` and `);
}

/** Whole days between two timestamps, as a fraction (durations are reported in days). */
export function daysBetweenSql(start: SQL, end: SQL): SQL {
  return sql`(extract(epoch from (${end} - ${start})) / 86400.0)`;
}
