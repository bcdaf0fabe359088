import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import type { SourceCategory } from '../../schema/sources';
import { inDays, inRange, leadConditions, type MetricFilter, rangeBounds, ratioSql } from '../filter';
import { openedAt, openOpportunityAt } from '../stages';

/** Amounts of one set of deals, with the marketing-sourced and marketing-influenced parts. */
export interface Contribution {
  /** All deals in the set: their amount and count. */
  total: number;
  deals: number;
  /** Deals whose lead's source is in the marketing category. */
  sourced: number;
  sourcedDeals: number;
  /**
   * Deals with a marketing touch within the influence window before the opportunity (overlaps
   * `sourced`: never add them).
   */
  influenced: number;
  influencedDeals: number;
  /** sourced ÷ total and influenced ÷ total, of the amount. */
  sourcedShare: number | null;
  influencedShare: number | null;
}

/** One source's (channel's) part of the pipeline and of won revenue. */
export interface SourceContribution {
  /** Null for the "Unknown" row: leads without a source. */
  sourceId: number | null;
  source: string;
  category: SourceCategory;
  pipeline: Contribution;
  revenue: Contribution;
}

export interface MarketingContribution {
  /** Influenced asks for a marketing touch within this many days before the opportunity (a setting). */
  influenceWindowDays: number;
  /** Open opportunities at the end of the period. */
  pipeline: Contribution;
  /** Deals won in the period. */
  revenue: Contribution;
  /** The same per source of the deal's lead; each column adds up to the totals above. */
  bySource: SourceContribution[];
}

type Row = Record<string, number | null> & {
  level: number;
  source_id: number | null;
  source: string;
  category: SourceCategory;
  window_days: number;
};

const columns = ['total', 'deals', 'sourced', 'sourced_deals', 'influenced', 'influenced_deals'] as const;

/**
 * Marketing-sourced and marketing-influenced pipeline and won revenue, per source and in total
 * (definitions in docs/metrics.md, "Sourced vs influenced"). Sourced and influenced overlap by design.
 * One aggregate with grouping sets gives the source rows and the totals, so they always agree.
 */
export async function marketingContribution(
  db: Database,
  filter: MetricFilter,
  options: FigureOptions = {},
): Promise<MarketingContribution> {
  const sums = (await rollupsServe(db, filter, options)) ? fromRollups(filter) : fromLeads(filter);
  const sum = (p: 'p' | 'r') =>
    sql.join(
      columns.map((c) => sql.raw(`coalesce(sum(${p}_${c}), 0)::float8 as ${p}_${c}`)),
      sql`, `,
    );
  const shares = (p: 'p' | 'r') => sql`
    ${ratioSql(sql.raw(`a.${p}_sourced`), sql.raw(`a.${p}_total`))} as ${sql.raw(`${p}_sourced_share`)},
    ${ratioSql(sql.raw(`a.${p}_influenced`), sql.raw(`a.${p}_total`))} as ${sql.raw(`${p}_influenced_share`)}`;
  const picked = sql.raw(['p', 'r'].flatMap((p) => columns.map((c) => `a.${p}_${c}`)).join(', '));
  const rows = await selectRows<Row>(
    db,
    sql`
    with sums (source_id, p_total, p_deals, p_sourced, p_sourced_deals, p_influenced, p_influenced_deals,
               r_total, r_deals, r_sourced, r_sourced_deals, r_influenced, r_influenced_deals) as (${sums}),
    agg as (
      select grouping(source_id) as level, source_id, ${sum('p')}, ${sum('r')}
      from sums
      group by grouping sets ((source_id), ())
    )
    select a.level::int as level, a.source_id, coalesce(s.name, 'Unknown') as source,
           coalesce(s.category, 'other') as category, ${picked}, ${shares('p')}, ${shares('r')},
           (select w.influence_window_days from settings w where w.id = 1)::int as window_days
    from agg a left join sources s on s.id = a.source_id
    where a.level = 1 or a.p_deals <> 0 or a.r_deals <> 0
    order by a.level desc, a.r_total + a.p_total desc, source`,
  );
  const totals = rows.find((r) => r.level === 1);
  if (!totals) throw new Error('marketing contribution query returned no total');
  const part = (row: Row, p: 'p' | 'r'): Contribution => ({
    total: row[`${p}_total`] ?? 0,
    deals: row[`${p}_deals`] ?? 0,
    sourced: row[`${p}_sourced`] ?? 0,
    sourcedDeals: row[`${p}_sourced_deals`] ?? 0,
    influenced: row[`${p}_influenced`] ?? 0,
    influencedDeals: row[`${p}_influenced_deals`] ?? 0,
    sourcedShare: row[`${p}_sourced_share`] ?? null,
    influencedShare: row[`${p}_influenced_share`] ?? null,
  });
  return {
    influenceWindowDays: totals.window_days,
    pipeline: part(totals, 'p'),
    revenue: part(totals, 'r'),
    bySource: rows
      .filter((r) => r.level === 0)
      .map((r) => ({
        sourceId: r.source_id,
        source: r.source,
        category: r.category,
        pipeline: part(r, 'p'),
        revenue: part(r, 'r'),
      })),
  };
}

/**
 * A marketing touch of the lead `l` within the settings' window before its opportunity: the same
 * test the rollups keep in rollup_lead_facts.influenced (db/migrations/0013_influence_window.sql).
 */
export const influencedSql = sql`(${openedAt} is not null and exists (select 1 from touches t
  where t.lead_id = l.id and t.actor = 'marketing' and t.occurred_at < ${openedAt}
    and t.occurred_at >= ${openedAt}
      - make_interval(days => (select w.influence_window_days from settings w where w.id = 1))))`;

/** The deals open at the period's end or won in it, each once, with their touches looked up. */
function fromLeads(filter: MetricFilter): SQL {
  const { hi } = rangeBounds(filter);
  return sql`
    -- Materialized: each deal's touches are looked up once, not once per sum.
    with deals as materialized (
      select l.source_id, coalesce(l.amount, 0) as amount,
             ${openOpportunityAt(hi)} as open_at_end,
             coalesce(${inRange(sql`l.won_at`, filter)}, false) as won_in_period,
             coalesce(s.category = 'marketing', false) as sourced,
             ${influencedSql} as influenced
      from leads l left join sources s on s.id = l.source_id
      where (${inRange(sql`l.won_at`, filter)} or ${openOpportunityAt(hi)}) and ${leadConditions(filter)}
    )
      select source_id,
        coalesce(sum(amount) filter (where open_at_end), 0),
        count(*) filter (where open_at_end),
        coalesce(sum(amount) filter (where open_at_end and sourced), 0),
        count(*) filter (where open_at_end and sourced),
        coalesce(sum(amount) filter (where open_at_end and influenced), 0),
        count(*) filter (where open_at_end and influenced),
        coalesce(sum(amount) filter (where won_in_period), 0),
        count(*) filter (where won_in_period),
        coalesce(sum(amount) filter (where won_in_period and sourced), 0),
        count(*) filter (where won_in_period and sourced),
        coalesce(sum(amount) filter (where won_in_period and influenced), 0),
        count(*) filter (where won_in_period and influenced)
      from deals
      group by source_id`;
}

/**
 * From rollup_stage_days per source: pipeline at the period's end = opportunities opened before it less those
 * closed before it; revenue = deals won in it; influence from the rollups' influenced counts. A source is
 * marketing-sourced as a whole (its category), so its sourced part is all or none.
 */
function fromRollups(filter: MetricFilter): SQL {
  const where = leadConditions(filter);
  const open = (column: string) => {
    const c = sql.raw(`l.${column}`);
    return sql`coalesce(sum(${c}) filter (where l.stage = 'opportunity'), 0)
             - coalesce(sum(${c}) filter (where l.stage = 'opportunity_closed'), 0)`;
  };
  const won = (column: string) => sql`coalesce(sum(${sql.raw(`l.${column}`)}), 0)`;
  const ifSourced = (value: SQL) => sql`case when s.category = 'marketing' then ${value} else 0 end`;
  return sql`
      select p.source_id, p.total, p.deals, ${ifSourced(sql`p.total`)}, ${ifSourced(sql`p.deals`)},
             p.influenced, p.influenced_deals, 0, 0, 0, 0, 0, 0
      from (select l.source_id, ${open('amount')} as total, ${open('leads')} as deals,
                   ${open('influenced_amount')} as influenced, ${open('influenced')} as influenced_deals
            from rollup_stage_days l
            where l.stage in ('opportunity', 'opportunity_closed') and l.day < ${filter.to}::date
              and ${where}
            group by l.source_id) p
      left join sources s on s.id = p.source_id
      union all
      select r.source_id, 0, 0, 0, 0, 0, 0, r.total, r.deals, ${ifSourced(sql`r.total`)},
             ${ifSourced(sql`r.deals`)}, r.influenced, r.influenced_deals
      from (select l.source_id, ${won('amount')} as total, ${won('leads')} as deals,
                   ${won('influenced_amount')} as influenced, ${won('influenced')} as influenced_deals
            from rollup_stage_days l
            where l.stage = 'won' and ${inDays(filter)} and ${where}
            group by l.source_id) r
      left join sources s on s.id = r.source_id`;
}
