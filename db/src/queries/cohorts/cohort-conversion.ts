import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { defined } from '../../defined';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import { type Bucket, bucketDaysTable, bucketsTable } from '../buckets';
import { daysBetweenSql, leadConditions, type MetricFilter, ratioSql } from '../filter';

/** The ages (days after creation) at which each cohort's conversion is read. */
export const cohortAges = [30, 60, 90, 180] as const;

/** Share of the cohort that reached the stage within N days of creation, and to date. */
export interface AgeRates {
  d30: number | null;
  d60: number | null;
  d90: number | null;
  d180: number | null;
  toDate: number | null;
}

export interface CohortRow {
  label: string;
  from: string;
  to: string;
  /** Leads created in the cohort's slice. */
  leads: number;
  salesReady: AgeRates;
  won: AgeRates;
  /** Counts and revenue to date. */
  salesReadyToDate: number;
  wonToDate: number;
  revenueToDate: number;
}

type Flat = Omit<CohortRow, 'label' | 'from' | 'to' | 'salesReady' | 'won'> & { i: number } & Record<
    string,
    number | null
  >;

/**
 * Leads grouped by the slice they were created in (month or fiscal quarter), with the share that
 * became sales-ready and won within 30, 60, 90 and 180 days of creation and to date. An age is
 * null until the whole cohort is that old: the slice's end + N days is after `asOf`.
 */
export async function cohortConversion(
  db: Database,
  filter: MetricFilter,
  buckets: readonly Bucket[],
  asOf: Date = new Date(),
  options: FigureOptions = {},
): Promise<CohortRow[]> {
  if (buckets.length === 0) return [];
  const now = sql`${asOf.toISOString()}::timestamptz`;
  const rows = (await rollupsServe(db, filter, options))
    ? await fromRollups(db, filter, buckets, now)
    : await fromLeads(db, filter, buckets, now);
  const ages = (row: Flat, key: string): AgeRates => ({
    d30: row[`${key}_30`] ?? null,
    d60: row[`${key}_60`] ?? null,
    d90: row[`${key}_90`] ?? null,
    d180: row[`${key}_180`] ?? null,
    toDate: row[`${key}_to_date`] ?? null,
  });
  return rows.map((row) => {
    const bucket = defined(buckets[row.i - 1]);
    return {
      label: bucket.label,
      from: bucket.from,
      to: bucket.to,
      leads: row.leads,
      salesReady: ages(row, 'sr'),
      won: ages(row, 'won'),
      salesReadyToDate: row.salesReadyToDate,
      wonToDate: row.wonToDate,
      revenueToDate: row.revenueToDate,
    };
  });
}

/** An age's rate is null until the whole cohort (its slice `b`, ending at `b.hi`) is that old. */
function atAge(now: SQL, hi: SQL, age: number, rate: SQL): SQL {
  return sql`case when extract(epoch from (${now} - ${hi})) >= ${age}::int * 86400 then ${rate} end`;
}

/** The cohorts' counts summed from rollup_lead_days (the `within N days` counts are kept per day). */
function fromRollups(db: Database, filter: MetricFilter, buckets: readonly Bucket[], now: SQL) {
  const columns: SQL[] = [];
  for (const key of ['sales_ready', 'won'] as const) {
    const short = key === 'sales_ready' ? 'sr' : 'won';
    for (const age of cohortAges) {
      const within = sql`coalesce(sum(${sql.raw(`l.${key}_${age}d`)}), 0)`;
      columns.push(
        sql`${atAge(now, sql`b.hi_at`, age, ratioSql(within, sql`coalesce(sum(l.leads), 0)`))} as ${sql.raw(`"${short}_${age}"`)}`,
      );
    }
    columns.push(
      sql`${ratioSql(sql`coalesce(sum(${sql.raw(`l.${key}`)}), 0)`, sql`coalesce(sum(l.leads), 0)`)} as ${sql.raw(`"${short}_to_date"`)}`,
    );
  }
  return selectRows<Flat>(
    db,
    sql`
    with b as (select d.i, d.lo, d.hi, (d.hi::timestamp at time zone ${filter.timezone}) as hi_at
               from ${bucketDaysTable(buckets)} d)
    select b.i,
           coalesce(sum(l.leads), 0)::int as leads,
           coalesce(sum(l.sales_ready), 0)::int as "salesReadyToDate",
           coalesce(sum(l.won), 0)::int as "wonToDate",
           coalesce(sum(l.revenue), 0)::float8 as "revenueToDate",
           ${sql.join(columns, sql`, `)}
    from b left join rollup_lead_days l on l.day >= b.lo and l.day < b.hi and ${leadConditions(filter)}
    group by b.i, b.hi_at
    order by b.i`,
  );
}

function fromLeads(db: Database, filter: MetricFilter, buckets: readonly Bucket[], now: SQL) {
  const columns: SQL[] = [];
  for (const [key, column] of [
    ['sr', sql`c.sales_ready_at`],
    ['won', sql`c.won_at`],
  ] as const) {
    for (const age of cohortAges) {
      // A stage recorded before creation counts as reached at age 0.
      const within = sql`count(*) filter (where ${daysBetweenSql(sql`c.created_at`, column)} <= ${age}::int)`;
      columns.push(
        sql`${atAge(now, sql`b.hi`, age, ratioSql(within, sql`count(c.created_at)`))} as ${sql.raw(`"${key}_${age}"`)}`,
      );
    }
    columns.push(
      sql`${ratioSql(sql`count(${column})`, sql`count(c.created_at)`)} as ${sql.raw(`"${key}_to_date"`)}`,
    );
  }
  return selectRows<Flat>(
    db,
    sql`
    with b as ${bucketsTable(buckets, filter.timezone)},
    c as (
      select b.i, l.created_at, l.sales_ready_at, l.won_at, l.amount
      from b join leads l on l.created_at >= b.lo and l.created_at < b.hi
      where ${leadConditions(filter)}
    )
    select b.i,
           count(c.created_at)::int as leads,
           count(c.sales_ready_at)::int as "salesReadyToDate",
           count(c.won_at)::int as "wonToDate",
           coalesce(sum(c.amount) filter (where c.won_at is not null), 0)::float8 as "revenueToDate",
           ${sql.join(columns, sql`, `)}
    from b left join c on c.i = b.i
    group by b.i, b.hi
    order by b.i`,
  );
}
