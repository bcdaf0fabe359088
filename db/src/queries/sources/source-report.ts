import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import type { SourceCategory } from '../../schema/sources';
import {
  daysBetweenSql,
  filtersBeyondSource,
  inDays,
  inRange,
  intArray,
  leadConditions,
  type MetricFilter,
  ratioSql,
  textArray,
} from '../filter';
import { type MetricView, reachedEver, reachedInView, viewScope } from '../stages';
import { monthsIn, prorated } from './spend-in-range';

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
  /**
   * The rates' numerators (over `leads`, `salesReady`, `opportunities`). In the cohort view they follow the
   * counts beside them; in the period view they follow the earlier stage's leads to today, so they differ
   * from `salesReady`, `opportunities` and `won` (the period's events), which `rateBases` says.
   */
  leadsThenSalesReady: number;
  salesReadyThenOpportunity: number;
  opportunitiesThenWon: number;
  leadsThenWon: number;
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
  costPerOpportunity: number | null;
  costPerWon: number | null;
  /**
   * The sales cost of the range (prorated like spend) shared among sources by their opportunities in the
   * view; null when no sales cost is recorded in the range, or the figures are filtered beyond source.
   */
  salesCost: number | null;
  /** Customer acquisition cost: (spend + salesCost) ÷ won; null without a sales cost or a won deal. */
  cac: number | null;
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

/** What a rate divides: two count fields of the same row, and the words for both. */
export interface RateBasis {
  numerator: keyof SourceFigures;
  denominator: keyof SourceFigures;
  /** e.g. "opportunities opened in the period and won by now ÷ opportunities opened in the period". */
  description: string;
  /** Whether numerator and denominator are the counts shown beside the rate in the table (`won` ÷ `leads`…). */
  fromCountsBeside: boolean;
}

export type SourceRate =
  | 'salesReadyRate'
  | 'wonRate'
  | 'leadToSalesReady'
  | 'salesReadyToOpportunity'
  | 'opportunityToWon'
  | 'leadToWon';

/**
 * Each rate's numerator and denominator in the view. A rate follows one set of leads, so it stays a share; in
 * the period view the later stage is reached by now, not necessarily in the period, which the descriptions
 * say (docs/metrics.md, "Rates and the counts beside them").
 */
export function sourceRateBases(view: MetricView): Record<SourceRate, RateBasis> {
  const inView = view === 'cohort' ? 'created in the period' : 'in the period';
  const toSalesReady: RateBasis = {
    numerator: 'leadsThenSalesReady',
    denominator: 'leads',
    description:
      view === 'cohort'
        ? 'SRLs ÷ leads: of the leads created in the period, those sales-ready by now'
        : 'leads created in the period and sales-ready by now ÷ leads created in the period (not the SRLs of the period)',
    fromCountsBeside: view === 'cohort',
  };
  const toWon: RateBasis = {
    numerator: 'leadsThenWon',
    denominator: 'leads',
    description:
      view === 'cohort'
        ? 'won ÷ leads: of the leads created in the period, those won by now'
        : 'leads created in the period and won by now ÷ leads created in the period (not the deals won in the period)',
    fromCountsBeside: view === 'cohort',
  };
  return {
    salesReadyRate: toSalesReady,
    leadToSalesReady: toSalesReady,
    wonRate: toWon,
    leadToWon: toWon,
    salesReadyToOpportunity: {
      numerator: 'salesReadyThenOpportunity',
      denominator: 'salesReady',
      description: `SRLs ${inView} that reached an opportunity by now ÷ SRLs ${inView}`,
      fromCountsBeside: false,
    },
    opportunityToWon: {
      numerator: 'opportunitiesThenWon',
      denominator: 'opportunities',
      description:
        view === 'cohort'
          ? 'opportunities of the leads created in the period that are won by now ÷ those opportunities'
          : 'opportunities opened in the period and won by now ÷ opportunities opened in the period (not the deals won in the period)',
      fromCountsBeside: false,
    },
  };
}

export interface SourceReport {
  view: MetricView;
  /** Each rate's numerator and denominator in this view (`sourceRateBases`). */
  rateBases: Record<SourceRate, RateBasis>;
  rows: SourceRow[];
  byCategory: CategoryRow[];
  totals: SourceFigures;
}

interface Row extends SourceRow {
  level: number;
}

/**
 * Per source, per category and in total (docs/metrics.md, "By source"), in one aggregate whose grouping sets
 * give all three, so they always agree. Its facts are the leads in scope or, when the rollups can answer, the
 * rollups for the counts and the range's leads through their stage's covering index for the medians.
 */
export async function sourceReport(
  db: Database,
  filter: MetricFilter,
  view: MetricView = 'cohort',
  options: FigureOptions = {},
): Promise<SourceReport> {
  const facts = (await rollupsServe(db, filter, options))
    ? rollupFacts(filter, view)
    : leadFacts(filter, view);
  // The sales cost is shared by the whole company's opportunities, so a report of some sources
  // divides by the opportunities of all of them.
  const bySource = Boolean(filter.sourceIds?.length || filter.categories?.length);
  const everySource = { ...filter, sourceIds: undefined, categories: undefined };
  const companyOpportunities = bySource
    ? sql`select coalesce(sum(opportunities), 0) from (${
        (await rollupsServe(db, everySource, options))
          ? rollupFacts(everySource, view)
          : leadFacts(everySource, view)
      }) f (source_id, category, leads, mqls, sales_ready, opportunities)`
    : sql`select coalesce(sum(opportunities), 0) from facts`;
  const rows = await selectRows<Row>(
    db,
    sql`
    with facts (source_id, category, leads, mqls, sales_ready, opportunities, won, revenue, lead_then_sr,
                sr_then_opp, opp_then_won, lead_then_won, days_sr, days_won, spend) as (
      ${facts}
      union all
      ${spendFacts(filter)}
    ),
    agg as (
      select grouping(source_id, category) as level, source_id, category,
             coalesce(sum(leads), 0) as leads, coalesce(sum(mqls), 0) as mqls,
             coalesce(sum(sales_ready), 0) as sales_ready, coalesce(sum(opportunities), 0) as opportunities,
             coalesce(sum(won), 0) as won, coalesce(sum(revenue), 0) as revenue,
             coalesce(sum(lead_then_sr), 0) as lead_then_sr, coalesce(sum(sr_then_opp), 0) as sr_then_opp,
             coalesce(sum(opp_then_won), 0) as opp_then_won, coalesce(sum(lead_then_won), 0) as lead_then_won,
             percentile_cont(0.5) within group (order by days_sr) as median_sr,
             percentile_cont(0.75) within group (order by days_sr) as p75_sr,
             percentile_cont(0.5) within group (order by days_won) as median_won,
             sum(spend) as spend
      from facts
      group by grouping sets ((source_id, category), (category), ())
    ),
    sales as (
      select (${salesCostInRange(filter)}) as cost, nullif((${companyOpportunities}), 0) as opportunities
    ),
    priced as (
      select a.*, a.opportunities * sales.cost / sales.opportunities as sales_cost from agg a, sales
    )
    select a.level::int as level,
           a.source_id as "sourceId",
           coalesce(src.name, 'Unknown') as source,
           a.category,
           a.leads::int as leads, a.mqls::int as mqls, a.sales_ready::int as "salesReady",
           a.opportunities::int as opportunities, a.won::int as won, a.revenue::float8 as revenue,
           a.lead_then_sr::int as "leadsThenSalesReady", a.sr_then_opp::int as "salesReadyThenOpportunity",
           a.opp_then_won::int as "opportunitiesThenWon", a.lead_then_won::int as "leadsThenWon",
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
           case when a.spend is not null then ${ratioSql(sql`a.spend`, sql`a.sales_ready`)} end as "costPerSalesReady",
           case when a.spend is not null then ${ratioSql(sql`a.spend`, sql`a.opportunities`)} end as "costPerOpportunity",
           case when a.spend is not null then ${ratioSql(sql`a.spend`, sql`a.won`)} end as "costPerWon",
           a.sales_cost::float8 as "salesCost",
           case when a.sales_cost is not null
             then ${ratioSql(sql`coalesce(a.spend, 0) + a.sales_cost`, sql`a.won`)} end as cac
    from priced a left join sources src on src.id = a.source_id
    order by a.level, a.leads desc, source, a.category`,
  );

  const figures = ({ level: _l, sourceId: _i, source: _s, category: _c, ...rest }: Row): SourceFigures =>
    rest;
  const totals = rows.find((r) => r.level === 3);
  return {
    view,
    rateBases: sourceRateBases(view),
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
    leadsThenSalesReady: 0,
    salesReadyThenOpportunity: 0,
    opportunitiesThenWon: 0,
    leadsThenWon: 0,
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
    costPerOpportunity: null,
    costPerWon: null,
    salesCost: null,
    cac: null,
  };
}

/*
 * Fact rows, in the columns of `facts` above, whatever their origin. A group (source, category) is
 * reported when it has a fact row.
 */

/** One row per lead in the view's scope (definitions in docs/metrics.md). */
function leadFacts(filter: MetricFilter, view: MetricView): SQL {
  const v = (stage: Parameters<typeof reachedInView>[0]) => reachedInView(stage, view, filter);
  const n = (condition: SQL) => sql`coalesce((${condition})::int, 0)`;
  const scope = viewScope(view, filter, ['lead', 'mql', 'salesReady', 'opportunity', 'won']);
  return sql`
      select l.source_id, coalesce(s.category, 'other') as category,
             ${n(v('lead'))} as leads, ${n(v('mql'))} as mqls, ${n(v('salesReady'))} as sales_ready,
             ${n(v('opportunity'))} as opportunities, ${n(v('won'))} as won,
             case when ${v('won')} then l.amount::numeric end as revenue,
             ${n(sql`${v('lead')} and ${reachedEver('salesReady')}`)} as lead_then_sr,
             ${n(sql`${v('salesReady')} and ${reachedEver('opportunity')}`)} as sr_then_opp,
             ${n(sql`${v('opportunity')} and ${reachedEver('won')}`)} as opp_then_won,
             ${n(sql`${v('lead')} and ${reachedEver('won')}`)} as lead_then_won,
             case when ${v('salesReady')} and l.sales_ready_at >= l.created_at
               then ${daysBetweenSql(sql`l.created_at`, sql`l.sales_ready_at`)} end as days_sr,
             case when ${v('won')} and l.won_at >= l.created_at
               then ${daysBetweenSql(sql`l.created_at`, sql`l.won_at`)} end as days_won,
             null::numeric as spend
      from leads l left join sources s on s.id = l.source_id
      where ${scope} and ${leadConditions(filter)}`;
}

/**
 * The counts from the rollups (rows of no lead left out: they would report an empty group), and
 * one row per lead of the medians.
 */
function rollupFacts(filter: MetricFilter, view: MetricView): SQL {
  const where = leadConditions(filter);
  const days = (end: string) => daysBetweenSql(sql`l.created_at`, sql.raw(`l.${end}`));
  const zero = sql`0, 0, 0, 0, 0, null::numeric, 0, 0, 0, 0`;
  const counts =
    view === 'cohort'
      ? sql`
      select l.source_id, coalesce(s.category, 'other'), l.leads, l.mql, l.sales_ready, l.opportunity,
             l.won, l.revenue, l.sales_ready, l.sales_ready_opportunity, l.opportunity_won, l.won,
             null::float8, null::float8, null::numeric
      from rollup_lead_days l left join sources s on s.id = l.source_id
      where ${inDays(filter)} and l.leads <> 0 and ${where}`
      : sql`
      select l.source_id, coalesce(s.category, 'other'), l.leads, 0, 0, 0, 0, null::numeric,
             l.sales_ready, 0, 0, l.won, null::float8, null::float8, null::numeric
      from rollup_lead_days l left join sources s on s.id = l.source_id
      where ${inDays(filter)} and l.leads <> 0 and ${where}
      union all
      select l.source_id, coalesce(s.category, 'other'), 0,
             case when l.stage = 'mql' then l.leads else 0 end,
             case when l.stage = 'sales_ready' then l.leads else 0 end,
             case when l.stage = 'opportunity' then l.leads else 0 end,
             case when l.stage = 'won' then l.leads else 0 end,
             case when l.stage = 'won' then l.amount end,
             0,
             case when l.stage = 'sales_ready' then l.then_opportunity else 0 end,
             case when l.stage = 'opportunity' then l.then_won else 0 end,
             0, null::float8, null::float8, null::numeric
      from rollup_stage_days l left join sources s on s.id = l.source_id
      where l.stage in ('mql', 'sales_ready', 'opportunity', 'won') and ${inDays(filter)}
        and l.leads <> 0 and ${where}`;
  // The stored durations of the leads created in the range (cohort view), or sales-ready in it
  // (period view; the few won in it are read from the leads).
  const medians =
    view === 'cohort'
      ? sql`
      select l.source_id, coalesce(s.category, 'other'), ${zero}, l.days_to_sales_ready, l.days_to_won,
             null::numeric
      from rollup_lead_facts l left join sources s on s.id = l.source_id
      where ${inRange(sql`l.created_at`, filter)}
        and (l.days_to_sales_ready is not null or l.days_to_won is not null) and ${where}`
      : sql`
      select l.source_id, coalesce(s.category, 'other'), ${zero}, l.days_to_sales_ready, null::float8,
             null::numeric
      from rollup_lead_facts l left join sources s on s.id = l.source_id
      where ${inRange(sql`l.sales_ready_at`, filter)} and ${where}
      union all
      select l.source_id, coalesce(s.category, 'other'), ${zero}, null::float8, ${days('won_at')},
             null::numeric
      from leads l left join sources s on s.id = l.source_id
      where ${inRange(sql`l.won_at`, filter)} and l.won_at >= l.created_at and ${where}`;
  return sql`${counts}
      union all
      ${medians}`;
}

/** The sales cost in the range (null when none is recorded, or the filter names segments, countries or owners). */
function salesCostInRange(filter: MetricFilter): SQL {
  if (filtersBeyondSource(filter)) return sql`null::numeric`;
  return sql`select sum(${prorated(sql`sc.amount`, sql`sc.month`, filter)}) from sales_cost sc
      where ${monthsIn(sql`sc.month`, filter)}`;
}

/** Monthly spend, prorated by the days of each month that fall in the range. */
function spendFacts(filter: MetricFilter): SQL {
  const spendWhere = [sql`true`];
  if (filtersBeyondSource(filter)) spendWhere.push(sql`false`);
  if (filter.sourceIds?.length)
    spendWhere.push(sql`sp.source_id = any(${intArray(filter.sourceIds)}::int[])`);
  if (filter.categories?.length)
    spendWhere.push(sql`s.category = any(${textArray(filter.categories)}::text[])`);
  return sql`
      select sp.source_id, s.category, 0, 0, 0, 0, 0, null::numeric, 0, 0, 0, 0, null::float8, null::float8,
             ${prorated(sql`sp.amount`, sql`sp.month`, filter)}
      from spend sp join sources s on s.id = sp.source_id
      where ${monthsIn(sql`sp.month`, filter)} and ${sql.join(spendWhere, sql` and `)}`;
}
