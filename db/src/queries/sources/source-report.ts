import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import type { SourceCategory } from '../../schema/sources';
import {
  daysBetweenSql,
  filtersBeyondSource,
  intArray,
  leadConditions,
  type MetricFilter,
  ratioSql,
  textArray,
} from '../filter';
import { type MetricView, reachedEver, reachedInView, viewScope } from '../stages';

/** The figures of one group of leads (a source, a category, or all). */
export interface SourceFigures {
  leads: number;
  mqls: number;
  salesReady: number;
  opportunities: number;
  won: number;
  revenue: number;
  salesReadyRate: number | null;
  wonRate: number | null;
  leadToSalesReady: number | null;
  salesReadyToOpportunity: number | null;
  opportunityToWon: number | null;
  leadToWon: number | null;
  medianDaysToSalesReady: number | null;
  p75DaysToSalesReady: number | null;
  medianDaysToWon: number | null;
  /** Spend in the range (monthly spend prorated by day); null when none is recorded. */
  spend: number | null;
  costPerLead: number | null;
  costPerSalesReady: number | null;
}

export interface SourceRow extends SourceFigures {
  /** Null for the "Unknown" row: leads without a source. */
  sourceId: number | null;
  source: string;
  category: SourceCategory;
}

export interface CategoryRow extends SourceFigures {
  category: SourceCategory;
}

export interface SourceReport {
  view: MetricView;
  rows: SourceRow[];
  byCategory: CategoryRow[];
  totals: SourceFigures;
}

interface Row extends SourceRow {
  level: number;
}

/**
 * Volume, quality, speed, conversion, revenue and cost per source, per category and in total
 * (definitions in docs/metrics.md, "By source"). The cohort view follows the leads created in the
 * range to today; the period view counts each stage when it happened in the range. One scan:
 * grouping sets give the source rows, the category rows and the totals, so they always agree.
 */
export async function sourceReport(
  db: Database,
  filter: MetricFilter,
  view: MetricView = 'cohort',
): Promise<SourceReport> {
  const v = (stage: Parameters<typeof reachedInView>[0]) => reachedInView(stage, view, filter);
  const scope = viewScope(view, filter, ['lead', 'mql', 'salesReady', 'opportunity', 'won']);
  const spendWhere = [sql`true`];
  if (filtersBeyondSource(filter)) spendWhere.push(sql`false`);
  if (filter.sourceIds?.length)
    spendWhere.push(sql`sp.source_id = any(${intArray(filter.sourceIds)}::int[])`);
  if (filter.categories?.length)
    spendWhere.push(sql`s.category = any(${textArray(filter.categories)}::text[])`);

  const rows = await selectRows<Row>(
    db,
    sql`
    with facts as (
      select l.source_id, coalesce(s.category, 'other') as category,
             ${v('lead')} as lead_v, ${v('mql')} as mql_v, ${v('salesReady')} as sr_v,
             ${v('opportunity')} as opp_v, ${v('won')} as won_v,
             ${reachedEver('salesReady')} as sr_any, ${reachedEver('opportunity')} as opp_any,
             ${reachedEver('won')} as won_any,
             l.amount::numeric as amount,
             case when l.sales_ready_at >= l.created_at
               then ${daysBetweenSql(sql`l.created_at`, sql`l.sales_ready_at`)} end as days_sr,
             case when l.won_at >= l.created_at
               then ${daysBetweenSql(sql`l.created_at`, sql`l.won_at`)} end as days_won,
             null::numeric as spend
      from leads l left join sources s on s.id = l.source_id
      where ${scope} and ${leadConditions(filter)}
      union all
      -- Monthly spend, prorated by the days of each month that fall in the range.
      select sp.source_id, s.category, false, false, false, false, false, false, false, false,
             null, null, null,
             sp.amount * greatest(0, least(${filter.to}::date, (sp.month + interval '1 month')::date)
                                    - greatest(${filter.from}::date, sp.month))
                       / ((sp.month + interval '1 month')::date - sp.month)
      from spend sp join sources s on s.id = sp.source_id
      where sp.month < ${filter.to}::date and sp.month > (${filter.from}::date - interval '1 month')
        and ${sql.join(spendWhere, sql` and `)}
    ),
    agg as (
      select grouping(source_id, category) as level, source_id, category,
             count(*) filter (where lead_v) as leads,
             count(*) filter (where mql_v) as mqls,
             count(*) filter (where sr_v) as sales_ready,
             count(*) filter (where opp_v) as opportunities,
             count(*) filter (where won_v) as won,
             coalesce(sum(amount) filter (where won_v), 0) as revenue,
             count(*) filter (where lead_v and sr_any) as lead_then_sr,
             count(*) filter (where sr_v and opp_any) as sr_then_opp,
             count(*) filter (where opp_v and won_any) as opp_then_won,
             count(*) filter (where lead_v and won_any) as lead_then_won,
             percentile_cont(0.5) within group (order by days_sr) filter (where sr_v) as median_sr,
             percentile_cont(0.75) within group (order by days_sr) filter (where sr_v) as p75_sr,
             percentile_cont(0.5) within group (order by days_won) filter (where won_v) as median_won,
             sum(spend) as spend
      from facts
      group by grouping sets ((source_id, category), (category), ())
    )
    select a.level::int as level,
           a.source_id as "sourceId",
           coalesce(src.name, 'Unknown') as source,
           a.category,
           a.leads::int as leads, a.mqls::int as mqls, a.sales_ready::int as "salesReady",
           a.opportunities::int as opportunities, a.won::int as won, a.revenue::float8 as revenue,
           ${ratioSql(sql`a.lead_then_sr`, sql`a.leads`)} as "salesReadyRate",
           ${ratioSql(sql`a.lead_then_won`, sql`a.leads`)} as "wonRate",
           ${ratioSql(sql`a.lead_then_sr`, sql`a.leads`)} as "leadToSalesReady",
           ${ratioSql(sql`a.sr_then_opp`, sql`a.sales_ready`)} as "salesReadyToOpportunity",
           ${ratioSql(sql`a.opp_then_won`, sql`a.opportunities`)} as "opportunityToWon",
           ${ratioSql(sql`a.lead_then_won`, sql`a.leads`)} as "leadToWon",
           a.median_sr::float8 as "medianDaysToSalesReady",
           a.p75_sr::float8 as "p75DaysToSalesReady",
           a.median_won::float8 as "medianDaysToWon",
           a.spend::float8 as spend,
           case when a.spend is not null then ${ratioSql(sql`a.spend`, sql`a.leads`)} end as "costPerLead",
           case when a.spend is not null then ${ratioSql(sql`a.spend`, sql`a.sales_ready`)} end as "costPerSalesReady"
    from agg a left join sources src on src.id = a.source_id
    order by a.level, a.leads desc, source, a.category`,
  );

  const figures = ({ level: _l, sourceId: _i, source: _s, category: _c, ...rest }: Row): SourceFigures =>
    rest;
  const totals = rows.find((r) => r.level === 3);
  return {
    view,
    rows: rows
      .filter((r) => r.level === 0)
      .map((r) => ({ sourceId: r.sourceId, source: r.source, category: r.category, ...figures(r) })),
    byCategory: rows.filter((r) => r.level === 2).map((r) => ({ category: r.category, ...figures(r) })),
    totals: totals ? figures(totals) : emptyFigures(),
  };
}

function emptyFigures(): SourceFigures {
  return {
    leads: 0,
    mqls: 0,
    salesReady: 0,
    opportunities: 0,
    won: 0,
    revenue: 0,
    salesReadyRate: null,
    wonRate: null,
    leadToSalesReady: null,
    salesReadyToOpportunity: null,
    opportunityToWon: null,
    leadToWon: null,
    medianDaysToSalesReady: null,
    p75DaysToSalesReady: null,
    medianDaysToWon: null,
    spend: null,
    costPerLead: null,
    costPerSalesReady: null,
  };
}
