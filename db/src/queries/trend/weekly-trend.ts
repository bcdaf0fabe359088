import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { inRange, leadConditions, type MetricFilter } from '../filter';

export interface WeekPoint {
  /** First day of the week, counted from the period's first day. */
  weekStart: string;
  leads: number;
  salesReady: number;
}

/**
 * Leads created and leads that became sales-ready per week of the period. Weeks are counted
 * in local calendar days from the period's first day, so a daylight-saving change moves nothing.
 */
export async function weeklyTrend(db: Database, filter: MetricFilter): Promise<WeekPoint[]> {
  const where = leadConditions(filter);
  const week = (column: string) =>
    sql`((${sql.raw(column)} at time zone ${filter.timezone})::date - ${filter.from}::date) / 7`;
  return selectRows<WeekPoint>(
    db,
    sql`
    with weeks as (
      select n, to_char(${filter.from}::date + n * 7, 'YYYY-MM-DD') as week_start
      from generate_series(0, (${filter.to}::date - ${filter.from}::date - 1) / 7) as n
    ),
    created as (
      select ${week('l.created_at')} as n, count(*)::int as c
      from leads l where ${inRange(sql`l.created_at`, filter)} and ${where} group by 1
    ),
    ready as (
      select ${week('l.sales_ready_at')} as n, count(*)::int as c
      from leads l where ${inRange(sql`l.sales_ready_at`, filter)} and ${where} group by 1
    )
    select w.week_start as "weekStart", coalesce(created.c, 0) as leads, coalesce(ready.c, 0) as "salesReady"
    from weeks w
    left join created on created.n = w.n
    left join ready on ready.n = w.n
    order by w.n`,
  );
}
