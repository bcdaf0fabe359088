import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import {
  daysBetweenSql,
  inDays,
  inRange,
  leadConditions,
  type MetricFilter,
  previousRange,
  rangeBounds,
  ratioSql,
} from '../filter';
import { marketingTouchesToSalesReadySql } from '../speed/sales-ready-facts';
import { openOpportunityAt } from '../stages';

export interface OverviewDetails {
  /** Leads that became MQL in the period. */
  mqls: number;
  /** Mean BANT score (0–4) of the leads created in the period. */
  meanBantScore: number | null;
  /** 75th percentile of days created → sales-ready, for the period's SRLs. */
  p75DaysToSalesReady: number | null;
  /** Median marketing touches between created_at and sales_ready_at, for the period's SRLs. */
  medianTouchesToSalesReady: number | null;
  /** Share of those SRLs with 7 to 15 touches (both included). */
  touchesToSalesReady7To15Share: number | null;
  /** Leads that became an opportunity in the period. */
  opportunities: number;
  /** Open opportunity amount at the end of the period. */
  pipeline: number;
  /** Deals won / lost in the period. */
  won: number;
  lost: number;
  /** won ÷ (won + lost), of the deals closed in the period. */
  winRate: number | null;
  /** Median days created → won, for deals won in the period. */
  medianSalesCycleDays: number | null;
  /** (SRLs − SRLs of the previous period of the same length) ÷ the latter: a growth, not a share. */
  leadVelocityRate: number | null;
}

/**
 * The overview's figures beyond the five headline KPIs (docs/metrics.md, "Overview"): counts, amounts and
 * touches to sales-ready from the rollups when they can answer, medians from the range's leads through their
 * stage's covering index; otherwise each subquery ranges over one indexed timestamp of the leads.
 */
export async function overviewDetails(
  db: Database,
  filter: MetricFilter,
  options: FigureOptions = {},
): Promise<OverviewDetails> {
  if (await rollupsServe(db, filter, options)) return fromRollups(db, filter);
  const where = leadConditions(filter);
  const { hi } = rangeBounds(filter);
  const orderly = sql`l.sales_ready_at >= l.created_at`;
  const [row] = await selectRows<OverviewDetails>(
    db,
    sql`
    select
      mql.mqls as mqls,
      created.mean_bant as "meanBantScore",
      ready.p75_days as "p75DaysToSalesReady",
      ready.median_touches as "medianTouchesToSalesReady",
      ${ratioSql(sql`ready.in_7_15`, sql`ready.orderly`)} as "touchesToSalesReady7To15Share",
      opp.opportunities,
      pipe.pipeline,
      closed.won,
      closed.lost,
      ${ratioSql(sql`closed.won`, sql`closed.won + closed.lost`)} as "winRate",
      closed.median_cycle as "medianSalesCycleDays",
      ${ratioSql(sql`ready.sales_ready - prev.sales_ready`, sql`prev.sales_ready`)} as "leadVelocityRate"
    from
      (select avg(l.bant_score)::float8 as mean_bant
         from leads l where ${inRange(sql`l.created_at`, filter)} and ${where}) created,
      (select count(*)::int as mqls
         from leads l where ${inRange(sql`l.mql_at`, filter)} and ${where}) mql,
      (select count(*)::int as sales_ready,
              count(*) filter (where ${orderly})::int as orderly,
              (percentile_cont(0.75) within group (order by ${daysBetweenSql(sql`l.created_at`, sql`l.sales_ready_at`)})
                filter (where ${orderly}))::float8 as p75_days,
              (percentile_cont(0.5) within group (order by tc.n) filter (where ${orderly}))::float8 as median_touches,
              count(*) filter (where ${orderly} and tc.n between 7 and 15)::int as in_7_15
         from leads l
         -- offset 0: the touches are counted once per lead, not once per use of n above.
         cross join lateral (select ${marketingTouchesToSalesReadySql} as n offset 0) tc
         where ${inRange(sql`l.sales_ready_at`, filter)} and ${where}) ready,
      (select count(*)::int as sales_ready
         from leads l where ${inRange(sql`l.sales_ready_at`, previousRange(filter))} and ${where}) prev,
      (select count(*)::int as opportunities
         from leads l where ${inRange(sql`l.opportunity_at`, filter)} and ${where}) opp,
      (select coalesce(sum(l.amount), 0)::float8 as pipeline
         from leads l where ${openOpportunityAt(hi)} and ${where}) pipe,
      (select count(*) filter (where ${inRange(sql`l.won_at`, filter)})::int as won,
              count(*) filter (where l.won_at is null or not (${inRange(sql`l.won_at`, filter)}))::int as lost,
              (percentile_cont(0.5) within group (order by ${daysBetweenSql(sql`l.created_at`, sql`l.won_at`)})
                filter (where ${inRange(sql`l.won_at`, filter)} and l.won_at >= l.created_at))::float8 as median_cycle
         from leads l
         where (${inRange(sql`l.won_at`, filter)} or ${inRange(sql`l.lost_at`, filter)}) and ${where}) closed`,
  );
  if (!row) throw new Error('overview details query returned no row');
  return row;
}

async function fromRollups(db: Database, filter: MetricFilter): Promise<OverviewDetails> {
  const where = leadConditions(filter);
  const stage = (name: string) => sql`coalesce(sum(l.leads) filter (where l.stage = ${name}), 0)::int`;
  const [row] = await selectRows<OverviewDetails>(
    db,
    sql`
    select
      st.mqls,
      created.mean_bant as "meanBantScore",
      touch.p75_days as "p75DaysToSalesReady",
      touch.median_touches as "medianTouchesToSalesReady",
      ${ratioSql(sql`touch.in_7_15`, sql`touch.orderly`)} as "touchesToSalesReady7To15Share",
      st.opportunities,
      pipe.pipeline,
      st.won,
      st.lost - lost_won.n as lost,
      ${ratioSql(sql`st.won`, sql`st.won + st.lost - lost_won.n`)} as "winRate",
      cycle.median_cycle as "medianSalesCycleDays",
      ${ratioSql(sql`st.sales_ready - prev.sales_ready`, sql`prev.sales_ready`)} as "leadVelocityRate"
    from
      -- avg() of integers is sum ÷ count in numeric: the same division, so the same value.
      (select (sum(l.bant_score)::numeric / nullif(sum(l.leads), 0)::numeric)::float8 as mean_bant
         from rollup_lead_days l where ${inDays(filter)} and ${where}) created,
      (select ${stage('mql')} as mqls, ${stage('sales_ready')} as sales_ready,
              ${stage('opportunity')} as opportunities, ${stage('won')} as won, ${stage('lost')} as lost
         from rollup_stage_days l
         where l.stage in ('mql', 'sales_ready', 'opportunity', 'won', 'lost') and ${inDays(filter)}
           and ${where}) st,
      (select ${stage('sales_ready')} as sales_ready
         from rollup_stage_days l
         where l.stage = 'sales_ready' and ${inDays(previousRange(filter))} and ${where}) prev,
      (select count(*)::int as orderly,
              (percentile_cont(0.75) within group (order by l.days_to_sales_ready))::float8 as p75_days,
              (percentile_cont(0.5) within group (order by l.touches))::float8 as median_touches,
              count(*) filter (where l.touches between 7 and 15)::int as in_7_15
         from rollup_lead_facts l where ${inRange(sql`l.sales_ready_at`, filter)} and ${where}) touch,
      (select (coalesce(sum(l.amount) filter (where l.stage = 'opportunity'), 0)
                - coalesce(sum(l.amount) filter (where l.stage = 'opportunity_closed'), 0))::float8 as pipeline
         from rollup_stage_days l
         where l.stage in ('opportunity', 'opportunity_closed') and l.day < ${filter.to}::date and ${where}) pipe,
      -- Lost in the period and not won in it: the lost less the few both lost and won in it.
      (select count(*)::int as n from leads l
         where ${inRange(sql`l.lost_at`, filter)} and ${inRange(sql`l.won_at`, filter)} and ${where}) lost_won,
      (select (percentile_cont(0.5) within group (order by ${daysBetweenSql(sql`l.created_at`, sql`l.won_at`)})
                filter (where l.won_at >= l.created_at))::float8 as median_cycle
         from leads l where ${inRange(sql`l.won_at`, filter)} and ${where}) cycle`,
  );
  if (!row) throw new Error('overview details query returned no row');
  return row;
}
