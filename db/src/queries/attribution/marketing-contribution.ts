import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
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
  /** Deals with a marketing touch before the opportunity (overlaps `sourced`: never add them). */
  influenced: number;
  influencedDeals: number;
  /** sourced ÷ total and influenced ÷ total, of the amount. */
  sourcedShare: number | null;
  influencedShare: number | null;
}

export interface MarketingContribution {
  /** Open opportunities at the end of the period. */
  pipeline: Contribution;
  /** Deals won in the period. */
  revenue: Contribution;
}

/**
 * Marketing-sourced and marketing-influenced pipeline and won revenue (definitions in
 * docs/metrics.md, "Marketing contribution"). Sourced and influenced overlap by design.
 */
export async function marketingContribution(
  db: Database,
  filter: MetricFilter,
  options: FigureOptions = {},
): Promise<MarketingContribution> {
  const sums = (await rollupsServe(db, filter, options)) ? fromRollups(filter) : fromLeads(filter);
  const [row] = await selectRows<Record<string, number | null>>(
    db,
    sql`
    with sums as (${sums})
    select p_total::float8, p_deals::int, p_sourced::float8, p_sourced_deals::int,
           p_influenced::float8, p_influenced_deals::int,
           ${ratioSql(sql`p_sourced`, sql`p_total`)} as p_sourced_share,
           ${ratioSql(sql`p_influenced`, sql`p_total`)} as p_influenced_share,
           r_total::float8, r_deals::int, r_sourced::float8, r_sourced_deals::int,
           r_influenced::float8, r_influenced_deals::int,
           ${ratioSql(sql`r_sourced`, sql`r_total`)} as r_sourced_share,
           ${ratioSql(sql`r_influenced`, sql`r_total`)} as r_influenced_share
    from sums`,
  );
  if (!row) throw new Error('marketing contribution query returned no row');
  const part = (p: 'p' | 'r'): Contribution => ({
    total: row[`${p}_total`] ?? 0,
    deals: row[`${p}_deals`] ?? 0,
    sourced: row[`${p}_sourced`] ?? 0,
    sourcedDeals: row[`${p}_sourced_deals`] ?? 0,
    influenced: row[`${p}_influenced`] ?? 0,
    influencedDeals: row[`${p}_influenced_deals`] ?? 0,
    sourcedShare: row[`${p}_sourced_share`] ?? null,
    influencedShare: row[`${p}_influenced_share`] ?? null,
  });
  return { pipeline: part('p'), revenue: part('r') };
}

/** The deals open at the period's end or won in it, each once, with their touches looked up. */
function fromLeads(filter: MetricFilter): SQL {
  const { hi } = rangeBounds(filter);
  return sql`
    -- Materialized: each deal's touches are looked up once, not once per sum.
    with deals as materialized (
      select coalesce(l.amount, 0) as amount,
             ${openOpportunityAt(hi)} as open_at_end,
             coalesce(${inRange(sql`l.won_at`, filter)}, false) as won_in_period,
             coalesce(s.category = 'marketing', false) as sourced,
             exists (select 1 from touches t
                     where t.lead_id = l.id and t.actor = 'marketing' and t.occurred_at < ${openedAt}) as influenced
      from leads l left join sources s on s.id = l.source_id
      where (${inRange(sql`l.won_at`, filter)} or ${openOpportunityAt(hi)}) and ${leadConditions(filter)}
    )
      select
        coalesce(sum(amount) filter (where open_at_end), 0) as p_total,
        count(*) filter (where open_at_end) as p_deals,
        coalesce(sum(amount) filter (where open_at_end and sourced), 0) as p_sourced,
        count(*) filter (where open_at_end and sourced) as p_sourced_deals,
        coalesce(sum(amount) filter (where open_at_end and influenced), 0) as p_influenced,
        count(*) filter (where open_at_end and influenced) as p_influenced_deals,
        coalesce(sum(amount) filter (where won_in_period), 0) as r_total,
        count(*) filter (where won_in_period) as r_deals,
        coalesce(sum(amount) filter (where won_in_period and sourced), 0) as r_sourced,
        count(*) filter (where won_in_period and sourced) as r_sourced_deals,
        coalesce(sum(amount) filter (where won_in_period and influenced), 0) as r_influenced,
        count(*) filter (where won_in_period and influenced) as r_influenced_deals
      from deals`;
}

/**
 * From rollup_stage_days: pipeline at the end of the period = opportunities opened before it less
 * those closed before it (both summed over every earlier day, per source first); revenue = deals
 * won in it. Marketing
 * influence is each deal's `influenced` (rollup_lead_facts), kept in the rollups' influenced counts.
 */
function fromRollups(filter: MetricFilter): SQL {
  const where = leadConditions(filter);
  const open = (column: string, sourced = false) => {
    const only = sourced ? sql` and s.category = 'marketing'` : sql``;
    const c = sql.raw(`l.${column}`);
    return sql`coalesce(sum(${c}) filter (where l.stage = 'opportunity'${only}), 0)
             - coalesce(sum(${c}) filter (where l.stage = 'opportunity_closed'${only}), 0)`;
  };
  const won = (column: string, sourced = false) => {
    const only = sourced ? sql` and s.category = 'marketing'` : sql``;
    return sql`coalesce(sum(${sql.raw(`l.${column}`)}) filter (where l.stage = 'won'${only}), 0)`;
  };
  return sql`
      select p.*, r.*
      from (select ${open('amount')} as p_total, ${open('leads')} as p_deals,
                   ${open('amount', true)} as p_sourced, ${open('leads', true)} as p_sourced_deals,
                   ${open('influenced_amount')} as p_influenced, ${open('influenced')} as p_influenced_deals
            from (select l.stage, l.source_id, sum(l.amount) as amount, sum(l.leads) as leads,
                         sum(l.influenced_amount) as influenced_amount, sum(l.influenced) as influenced
                  from rollup_stage_days l
                  where l.stage in ('opportunity', 'opportunity_closed') and l.day < ${filter.to}::date
                    and ${where}
                  group by l.stage, l.source_id) l
            left join sources s on s.id = l.source_id) p,
           (select ${won('amount')} as r_total, ${won('leads')} as r_deals,
                   ${won('amount', true)} as r_sourced, ${won('leads', true)} as r_sourced_deals,
                   ${won('influenced_amount')} as r_influenced, ${won('influenced')} as r_influenced_deals
            from rollup_stage_days l left join sources s on s.id = l.source_id
            where l.stage = 'won' and ${inDays(filter)} and ${where}) r`;
}
