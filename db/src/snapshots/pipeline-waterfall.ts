import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { endOfDay, openStateAt } from './open-state';

/** The movements between two dates, in the order the waterfall shows them. */
export const waterfallMovements = [
  'new',
  'pulledIn',
  'pushedOut',
  'increased',
  'decreased',
  'won',
  'lost',
] as const;
export type WaterfallMovement = (typeof waterfallMovements)[number];
/** Movements that take away from the pipeline (shown as negative). */
export const outflows: ReadonlySet<WaterfallMovement> = new Set(['pushedOut', 'decreased', 'won', 'lost']);

export interface WaterfallFilter {
  /** Local days, in `timezone`: the pipeline at the end of `from` against the end of `to`. */
  from: string;
  to: string;
  timezone: string;
  /**
   * Only deals expected to close in [closeFrom, closeTo), or with no expected close (nobody placed them
   * elsewhere), count as pipeline; pulled in and pushed out need it.
   */
  closeFrom?: string;
  closeTo?: string;
  sourceIds?: number[];
  owners?: string[];
}

export interface WaterfallTotals {
  starting: number;
  new: number;
  pulledIn: number;
  pushedOut: number;
  increased: number;
  decreased: number;
  won: number;
  lost: number;
  ending: number;
  /** Deals behind each movement. */
  deals: Record<WaterfallMovement, number>;
}

export interface WaterfallGroup extends WaterfallTotals {
  /** Source id (null: no source) or owner (null: unassigned). */
  key: number | string | null;
}

export interface PipelineWaterfall {
  from: string;
  to: string;
  timezone: string;
  /** Where each end's state was read: a kept weekly snapshot (`snapshot` / `rebuilt`) or the stage timestamps. */
  basis: { from: EndBasis; to: EndBasis };
  overall: WaterfallTotals;
  bySource: WaterfallGroup[];
  byOwner: WaterfallGroup[];
}
export type EndBasis = 'snapshot' | 'rebuilt' | 'stage-timestamps';

/**
 * The open opportunities at one end: the weekly snapshot kept for that day when there is one, else the
 * state rebuilt from the stage timestamps as of the end of the day. `in_scope` = expected to close in the
 * close window, or not dated (always true without a window).
 */
function pipelineAt(day: string, f: WaterfallFilter): SQL {
  const inScope =
    f.closeFrom && f.closeTo
      ? sql`coalesce(expected_close_on >= ${f.closeFrom}::date and expected_close_on < ${f.closeTo}::date, true)`
      : sql`true`;
  const kept = sql`exists (select 1 from pipeline_snapshot_weeks where week_end = ${day}::date)`;
  return sql`
    select lead_id, coalesce(amount, 0)::numeric as amount, owner, source_id, ${inScope} as in_scope
    from pipeline_snapshots where week_end = ${day}::date and stage = 4
    union all
    select lead_id, coalesce(amount, 0)::numeric, owner, source_id, ${inScope}
    from (${openStateAt(endOfDay(day, f.timezone))}) s
    where stage = 4 and not ${kept}`;
}

/**
 * Per deal, its movement between the two ends (as docs/metrics.md defines each) and its amount at each, so in
 * any grouping by a key each deal has once, starting + new + pulled in − pushed out + increased − decreased −
 * won − lost = ending, exactly (numeric sums).
 */
function movementsSql(f: WaterfallFilter): SQL {
  const cFrom = endOfDay(f.from, f.timezone);
  const cTo = endOfDay(f.to, f.timezone);
  const sources = f.sourceIds?.length ? `{${f.sourceIds.join(',')}}` : null;
  const owners = f.owners?.length ? f.owners : null;
  return sql`
    with a as (${pipelineAt(f.from, f)}), b as (${pipelineAt(f.to, f)}),
    deals as (
      select coalesce(b.lead_id, a.lead_id) as lead_id,
        coalesce(a.in_scope, false) as sa, coalesce(b.in_scope, false) as sb,
        a.lead_id is not null as in_a, b.lead_id is not null as in_b,
        coalesce(a.amount, 0) as amount_a, coalesce(b.amount, 0) as amount_b,
        case when b.lead_id is not null then b.source_id else a.source_id end as source_id,
        case when b.lead_id is not null then b.owner else a.owner end as owner
      from a full join b on b.lead_id = a.lead_id
    ),
    moved as (
      select d.*,
        case
          when d.sa and d.sb then case when d.amount_b > d.amount_a then 'increased'
                                       when d.amount_b < d.amount_a then 'decreased' end
          when d.sa and d.in_b then 'pushedOut'
          when d.sa then case when l.won_at >= ${cFrom} and l.won_at < ${cTo} then 'won' else 'lost' end
          when d.sb and d.in_a then 'pulledIn'
          when d.sb then 'new'
        end as movement,
        case
          when d.sa and d.sb then abs(d.amount_b - d.amount_a)
          when d.sa then d.amount_a
          else d.amount_b
        end as moved
      from deals d left join leads l on l.id = d.lead_id
      where (d.sa or d.sb)
        and (${sources}::int[] is null or d.source_id = any(${sources}::int[]))
        and (${owners}::text[] is null or d.owner = any(${owners}::text[]))
    )`;
}

interface Row {
  grouping: 'all' | 'source' | 'owner';
  sourceId: number | null;
  owner: string | null;
  starting: string;
  ending: string;
  movement: WaterfallMovement | null;
  amount: string;
  deals: number;
}

/** The pipeline waterfall between two dates, overall, by source and by owner (docs/pacing.md). */
export async function pipelineWaterfall(db: Database, f: WaterfallFilter): Promise<PipelineWaterfall> {
  if (f.to < f.from) throw new RangeError('to must be on or after from');
  const rows = await selectRows<Row>(
    db,
    sql`${movementsSql(f)},
    grouped as (
      select case when grouping(source_id) = 0 then 'source' when grouping(owner) = 0 then 'owner' else 'all' end as grouping,
        source_id, owner,
        sum(amount_a) filter (where sa) as starting, sum(amount_b) filter (where sb) as ending
      from moved group by grouping sets ((), (source_id), (owner))
    ),
    by_movement as (
      select case when grouping(source_id) = 0 then 'source' when grouping(owner) = 0 then 'owner' else 'all' end as grouping,
        source_id, owner, movement, sum(moved) as amount, count(*)::int as deals
      from moved where movement is not null
      group by grouping sets ((movement), (source_id, movement), (owner, movement))
    )
    select g.grouping, g.source_id as "sourceId", g.owner, coalesce(g.starting, 0)::text as starting,
      coalesce(g.ending, 0)::text as ending, m.movement, coalesce(m.amount, 0)::text as amount,
      coalesce(m.deals, 0) as deals
    from grouped g left join by_movement m on m.grouping = g.grouping
      and m.source_id is not distinct from g.source_id and m.owner is not distinct from g.owner
    order by g.grouping, g.source_id nulls last, g.owner nulls last, m.movement`,
  );
  const [basisFrom, basisTo] = await Promise.all([endBasis(db, f.from), endBasis(db, f.to)]);
  const groups = new Map<string, WaterfallGroup & { grouping: Row['grouping'] }>();
  for (const r of rows) {
    const key = r.grouping === 'source' ? r.sourceId : r.grouping === 'owner' ? r.owner : null;
    const id = `${r.grouping}:${key}`;
    let g = groups.get(id);
    if (!g) {
      g = {
        grouping: r.grouping,
        key,
        ...emptyTotals(),
        starting: Number(r.starting),
        ending: Number(r.ending),
      };
      groups.set(id, g);
    }
    if (r.movement) {
      g[r.movement] = Number(r.amount);
      g.deals[r.movement] = r.deals;
    }
  }
  const all = [...groups.values()];
  const strip = ({ grouping: _, ...g }: WaterfallGroup & { grouping: Row['grouping'] }) => g;
  const overallGroup = all.find((g) => g.grouping === 'all');
  const { key: _, ...overall } = overallGroup ? strip(overallGroup) : { key: null, ...emptyTotals() };
  return {
    from: f.from,
    to: f.to,
    timezone: f.timezone,
    basis: { from: basisFrom, to: basisTo },
    overall,
    bySource: all.filter((g) => g.grouping === 'source').map(strip),
    byOwner: all.filter((g) => g.grouping === 'owner').map(strip),
  };
}

function emptyTotals(): WaterfallTotals {
  return {
    starting: 0,
    new: 0,
    pulledIn: 0,
    pushedOut: 0,
    increased: 0,
    decreased: 0,
    won: 0,
    lost: 0,
    ending: 0,
    deals: { new: 0, pulledIn: 0, pushedOut: 0, increased: 0, decreased: 0, won: 0, lost: 0 },
  };
}

async function endBasis(db: Database, day: string): Promise<EndBasis> {
  const [row] = await selectRows<{ rebuilt: boolean }>(
    db,
    sql`select rebuilt from pipeline_snapshot_weeks where week_end = ${day}::date`,
  );
  return row ? (row.rebuilt ? 'rebuilt' : 'snapshot') : 'stage-timestamps';
}

export interface WaterfallDeal {
  leadId: number;
  company: string | null;
  sourceId: number | null;
  owner: string | null;
  movement: WaterfallMovement;
  startingAmount: number | null;
  endingAmount: number | null;
  moved: number;
}

/** The deals behind one movement (a bar of the waterfall), largest first. */
export async function waterfallDeals(
  db: Database,
  f: WaterfallFilter,
  movement: WaterfallMovement,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: WaterfallDeal[] }> {
  const rows = await selectRows<WaterfallDeal & { total: number }>(
    db,
    sql`${movementsSql(f)}
    select m.lead_id::float8 as "leadId", l.company, m.source_id as "sourceId", m.owner, m.movement,
      case when m.sa then m.amount_a::float8 end as "startingAmount",
      case when m.sb then m.amount_b::float8 end as "endingAmount", m.moved::float8 as moved,
      (count(*) over ())::int as total
    from moved m join leads l on l.id = m.lead_id
    where m.movement = ${movement}
    order by m.moved desc, m.lead_id
    limit ${page.limit} offset ${page.offset}`,
  );
  return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _, ...r }) => r) };
}
