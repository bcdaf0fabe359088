import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import type { SourceCategory } from '../../schema/sources';
import { inDays, inRange, leadConditions, type MetricFilter } from '../filter';
import { touchSourceJoin } from '../stages';

export const attributionModels = ['firstTouch', 'lastTouch', 'linear'] as const;

export interface AttributionRow {
  /** Null for "Unknown": credit to a lead without a source. */
  sourceId: number | null;
  source: string;
  category: SourceCategory;
  firstTouch: number;
  lastTouch: number;
  linear: number;
}

export interface RevenueAttribution {
  rows: AttributionRow[];
  /** Each model's total equals `wonRevenue`: the models only split it differently. */
  totals: { wonRevenue: number; deals: number; firstTouch: number; lastTouch: number; linear: number };
}

/**
 * Won revenue credited to sources by first touch, last touch before sales-ready and linear over the marketing
 * touches to the win (docs/metrics.md, "Attribution"). A touch credits its channel's source, else its lead's;
 * a deal without a qualifying touch credits its lead's source, so every model adds up to the total.
 */
export async function revenueAttribution(
  db: Database,
  filter: MetricFilter,
  options: FigureOptions = {},
): Promise<RevenueAttribution> {
  const query = (await rollupsServe(db, filter, options)) ? fromRollups(filter) : fromLeads(filter);
  const rows = await selectRows<AttributionRow & { level: number; deals: number; wonRevenue: number }>(
    db,
    query,
  );
  const total = rows.find((r) => r.level === 1);
  return {
    rows: rows
      .filter((r) => r.level === 0)
      .map(({ sourceId, source, category, firstTouch, lastTouch, linear }) => ({
        sourceId,
        source,
        category,
        firstTouch,
        lastTouch,
        linear,
      })),
    totals: {
      wonRevenue: total?.wonRevenue ?? 0,
      deals: total?.deals ?? 0,
      firstTouch: total?.firstTouch ?? 0,
      lastTouch: total?.lastTouch ?? 0,
      linear: total?.linear ?? 0,
    },
  };
}

function fromLeads(filter: MetricFilter) {
  return sql`
    with won as (
      select l.id, coalesce(l.amount, 0)::numeric as amount, l.source_id,
             coalesce(l.sales_ready_at, l.won_at) as last_touch_until, l.won_at
      from leads l
      where ${inRange(sql`l.won_at`, filter)} and ${leadConditions(filter)}
    ),
    mt as (
      select w.id as lead_id, w.amount, coalesce(ts.id, w.source_id) as source_id,
             t.occurred_at <= w.last_touch_until as before_sr,
             row_number() over (partition by w.id order by t.occurred_at, t.id) as first_rank,
             count(*) over (partition by w.id) as touches
      from won w
      join touches t on t.lead_id = w.id and t.actor = 'marketing' and t.occurred_at <= w.won_at
      ${touchSourceJoin}
    ),
    last_mt as (
      -- The latest qualifying touch: touches ranked by time, the highest rank before sales-ready.
      select distinct on (lead_id) lead_id, source_id
      from mt where before_sr
      order by lead_id, first_rank desc
    ),
    credit as (
      select 'first' as model, source_id, amount as credit from mt where first_rank = 1
      union all
      select 'linear', source_id, amount / touches from mt
      union all
      select 'last', last_mt.source_id, w.amount from won w join last_mt on last_mt.lead_id = w.id
      union all
      select m.model, w.source_id, w.amount
      from won w cross join (values ('first'), ('linear')) as m(model)
      where not exists (select 1 from mt where mt.lead_id = w.id)
      union all
      select 'last', w.source_id, w.amount from won w
      where not exists (select 1 from last_mt where last_mt.lead_id = w.id)
    ),
    agg as (
      select grouping(source_id) as level, source_id,
             coalesce(sum(credit) filter (where model = 'first'), 0) as first_touch,
             coalesce(sum(credit) filter (where model = 'last'), 0) as last_touch,
             coalesce(sum(credit) filter (where model = 'linear'), 0) as linear
      from credit group by grouping sets ((source_id), ())
    )
    select a.level::int as level, a.source_id as "sourceId", coalesce(s.name, 'Unknown') as source,
           coalesce(s.category, 'other') as category,
           a.first_touch::float8 as "firstTouch", a.last_touch::float8 as "lastTouch", a.linear::float8 as linear,
           (select count(*) from won)::int as deals,
           (select coalesce(sum(amount), 0) from won)::float8 as "wonRevenue"
    from agg a left join sources s on s.id = a.source_id
    order by a.level, a.first_touch + a.last_touch + a.linear desc, source`;
}

/** The credits per won lead and source kept in rollup_attribution, summed per source. */
function fromRollups(filter: MetricFilter) {
  const where = leadConditions(filter);
  return sql`
    with agg as (
      select grouping(l.credited_source_id) as level, l.credited_source_id as source_id,
             coalesce(sum(l.first_touch), 0) as first_touch,
             coalesce(sum(l.last_touch), 0) as last_touch,
             coalesce(sum(l.linear), 0) as linear
      from rollup_attribution l
      where ${inRange(sql`l.won_at`, filter)} and ${where}
      group by grouping sets ((l.credited_source_id), ())
    ),
    won as (
      select coalesce(sum(l.leads), 0) as deals, coalesce(sum(l.amount), 0) as amount
      from rollup_stage_days l where l.stage = 'won' and ${inDays(filter)} and ${where}
    )
    select a.level::int as level, a.source_id as "sourceId", coalesce(s.name, 'Unknown') as source,
           coalesce(s.category, 'other') as category,
           a.first_touch::float8 as "firstTouch", a.last_touch::float8 as "lastTouch", a.linear::float8 as linear,
           (select deals from won)::int as deals,
           (select amount from won)::float8 as "wonRevenue"
    from agg a left join sources s on s.id = a.source_id
    order by a.level, a.first_touch + a.last_touch + a.linear desc, source`;
}
