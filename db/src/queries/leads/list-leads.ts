import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { daysBetweenSql, inRange, leadConditions, type MetricFilter } from '../filter';
import { marketingTouchesToSalesReadySql } from '../speed/sales-ready-facts';
import { type Stage, stageAt } from '../stages';

export const leadSorts = [
  'createdAt',
  'salesReadyAt',
  'amount',
  'bantScore',
  'lastTouchAt',
  'company',
] as const;
export type LeadSort = (typeof leadSorts)[number];

export interface LeadListOptions {
  /** Which stage's time must fall in the period (a drill-down from "SRLs this quarter" uses salesReady). */
  dateStage: Stage;
  /** Only leads whose furthest stage is this one. */
  currentStage?: FurthestStage;
  /** Only leads that reached this stage at any time (a cohort-view drill-down: created in the period, reached X). */
  reached?: Stage;
  /**
   * Only leads sales-ready at or after creation whose days created → sales-ready fall in
   * [from, to) (to null: no upper bound): a drill-down from a bar of the days histogram.
   */
  daysToSalesReady?: NumberRange;
  /** The same, by marketing touches before sales-ready, both ends included (the touches histogram). */
  touchesToSalesReady?: NumberRange;
  search?: string;
  sort: LeadSort;
  descending: boolean;
  page: number;
  pageSize: number;
}

export interface NumberRange {
  from: number;
  to: number | null;
}

export const furthestStages = [
  'lead',
  'mql',
  'salesReady',
  'accepted',
  'opportunity',
  'won',
  'lost',
  'disqualified',
] as const;
export type FurthestStage = (typeof furthestStages)[number];

export interface LeadListRow {
  id: number;
  externalId: string;
  company: string | null;
  sourceId: number | null;
  source: string;
  category: string;
  owner: string | null;
  segment: string | null;
  country: string | null;
  stage: FurthestStage;
  createdAt: string;
  salesReadyAt: string | null;
  bantScore: number;
  score: number | null;
  amount: number | null;
  ageDays: number;
  lastTouchAt: string | null;
}

/** The furthest stage a lead has reached, closing stages first. */
export const furthestStageSql = sql`case
  when l.won_at is not null then 'won'
  when l.lost_at is not null then 'lost'
  when l.disqualified_at is not null then 'disqualified'
  when l.opportunity_at is not null then 'opportunity'
  when l.accepted_at is not null then 'accepted'
  when l.sales_ready_at is not null then 'salesReady'
  when l.mql_at is not null then 'mql'
  else 'lead' end`;

const sortColumns: Record<LeadSort, SQL> = {
  createdAt: sql`l.created_at`,
  salesReadyAt: sql`l.sales_ready_at`,
  amount: sql`l.amount`,
  bantScore: sql`l.bant_score`,
  lastTouchAt: sql`last_touch.at`,
  company: sql`l.company`,
};

/** The columns of one lead list row (`LeadListRow`), over `leads l`, `sources s` and `last_touch`. */
export const leadListColumns = sql`
        l.id::float8 as id, l.external_id as "externalId", l.company, l.source_id as "sourceId",
        coalesce(s.name, 'Unknown') as source, coalesce(s.category, 'other') as category,
        l.owner, l.segment, l.country, ${furthestStageSql} as stage,
        to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
        to_char(l.sales_ready_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "salesReadyAt",
        l.bant_score::int as "bantScore", l.score::int as score, l.amount::float8 as amount,
        (extract(epoch from (now() - l.created_at)) / 86400.0)::float8 as "ageDays",
        to_char(last_touch.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastTouchAt"`;

/** The lead list's sources: `leads l`, its source and its last touch. */
export const leadListFrom = sql`
      from leads l
      left join sources s on s.id = l.source_id
      left join lateral (select max(t.occurred_at) as at from touches t where t.lead_id = l.id) last_touch on true`;

/**
 * The lead list's conditions over `leads l`, shared by the list and its exports. The days and
 * touches ranges use the expressions the time-to-sales-ready histograms bucket by, so a bar's
 * drill-down lists exactly the leads the bar counts.
 */
export function leadListConditions(
  filter: MetricFilter,
  options: Omit<LeadListOptions, 'sort' | 'descending' | 'page' | 'pageSize'>,
): SQL {
  const conditions = [sql`${inRange(stageAt(options.dateStage), filter)}`, leadConditions(filter)];
  if (options.currentStage) conditions.push(sql`${furthestStageSql} = ${options.currentStage}`);
  if (options.reached) conditions.push(sql`${stageAt(options.reached)} is not null`);
  const ranges: [NumberRange | undefined, SQL, SQL][] = [
    [options.daysToSalesReady, daysBetweenSql(sql`l.created_at`, sql`l.sales_ready_at`), sql`<`],
    [options.touchesToSalesReady, marketingTouchesToSalesReadySql, sql`<=`],
  ];
  for (const [range, value, below] of ranges) {
    if (!range) continue;
    conditions.push(sql`l.sales_ready_at >= l.created_at and ${value} >= ${range.from}`);
    if (range.to !== null) conditions.push(sql`${value} ${below} ${range.to}`);
  }
  if (options.search) {
    const pattern = `%${options.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(
      sql`(l.company ilike ${pattern} or l.external_id ilike ${pattern} or l.owner ilike ${pattern})`,
    );
  }
  return sql.join(conditions, sql` and `);
}

/**
 * One page of the lead list behind every drill-down, with the count and the summed deal amount of every
 * lead that matches the filter (an amount figure's door shows the same amount as the figure).
 */
export async function listLeads(
  db: Database,
  filter: MetricFilter,
  options: LeadListOptions,
): Promise<{ rows: LeadListRow[]; total: number; amount: number }> {
  const where = leadListConditions(filter, options);
  const direction = options.descending ? sql`desc nulls last` : sql`asc nulls last`;
  const [rows, totals] = await Promise.all([
    selectRows<LeadListRow>(
      db,
      sql`
      select ${leadListColumns}
      ${leadListFrom}
      where ${where}
      order by ${sortColumns[options.sort]} ${direction}, l.id
      limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`,
    ),
    selectRows<{ total: number; amount: number }>(
      db,
      sql`select count(*)::int as total, coalesce(sum(l.amount), 0)::float8 as amount from leads l where ${where}`,
    ),
  ]);
  return { rows, total: totals[0]?.total ?? 0, amount: totals[0]?.amount ?? 0 };
}
