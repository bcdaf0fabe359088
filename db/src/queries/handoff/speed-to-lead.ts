import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, factsServe } from '../../rollups/rollups';
import { inRange, leadConditions, type MetricFilter } from '../filter';

export interface HandoffFigures {
  /** Leads that became sales-ready in the period (before `now`). */
  salesReady: number;
  /** …of which a sales touch followed. */
  followedUp: number;
  withinSla: number;
  /** Followed up after the SLA, or not at all with the SLA elapsed. */
  breached: number;
  /** Not followed up yet, still inside the SLA. */
  pending: number;
  /** withinSla ÷ (withinSla + breached). */
  slaAttainment: number | null;
  /** Hours from sales-ready to the first sales touch, of the leads followed up. */
  medianHours: number | null;
  p75Hours: number | null;
  accepted: number;
  /** accepted ÷ salesReady. */
  acceptedRate: number | null;
  /** Never accepted and sent back (disqualified or recycled). */
  rejected: number;
  rejectedRate: number | null;
  /** Disqualified at any point after becoming sales-ready. */
  disqualified: number;
  disqualifiedRate: number | null;
}

export interface HandoffBySource extends HandoffFigures {
  sourceId: number | null;
  source: string;
}
export interface HandoffByOwner extends HandoffFigures {
  owner: string | null;
}
export interface DisqualifyReason {
  reason: string;
  count: number;
  /** count ÷ disqualified SRLs. */
  share: number;
}

export interface SpeedToLead {
  overall: HandoffFigures;
  bySource: HandoffBySource[];
  byOwner: HandoffByOwner[];
  reasons: DisqualifyReason[];
}

/** The first sales touch at or after a lead's sales-ready time (index: touches(lead_id, actor, occurred_at)). */
export function firstSalesTouch(now: Date): SQL {
  return sql`(select min(t.occurred_at) from touches t
    where t.lead_id = l.id and t.actor = 'sales' and t.occurred_at >= l.sales_ready_at and t.occurred_at < ${now.toISOString()}::timestamptz)`;
}

/**
 * The same from the facts (`f`), which keep each SRL's first sales touch whenever it happened: one
 * after `now` is no follow-up yet, and then neither is any later one.
 */
export function storedFirstSalesTouch(now: Date): SQL {
  return sql`(case when f.first_sales_at < ${now.toISOString()}::timestamptz then f.first_sales_at end)`;
}

type Row = Omit<HandoffFigures, 'medianHours' | 'p75Hours'> & {
  dim: 'all' | 'source' | 'owner';
  sourceId: number | null;
  source: string | null;
  owner: string | null;
  reasons: { reason: string; count: number }[] | null;
  hours: [number, number] | null;
};

/**
 * Speed to lead and the hand-off to sales, for the leads that became sales-ready in the period:
 * hours to the first sales touch (median, p75), SLA attainment, accepted, rejected and
 * disqualified rates; overall, per source and per owner.
 */
export async function speedToLead(
  db: Database,
  filter: MetricFilter,
  options: { slaHours: number; now: Date } & FigureOptions,
): Promise<SpeedToLead> {
  const where = leadConditions(filter);
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const sla = options.slaHours;
  const columns = sql`l.source_id, l.owner, l.sales_ready_at, l.accepted_at, l.status, l.disqualified_at,
    l.disqualify_reason`;
  const scope = sql`${inRange(sql`l.sales_ready_at`, filter)} and l.sales_ready_at < ${now} and ${where}`;
  // The facts' range on their own index too, so the two index scans meet in a hash join.
  const ready = (await factsServe(db, options))
    ? sql`select ${columns}, ${storedFirstSalesTouch(options.now)} as first_sales
      from rollup_lead_facts f join leads l on l.id = f.lead_id
      where ${inRange(sql`f.handoff_at`, filter)} and f.handoff_at < ${now} and ${scope}`
    : sql`select ${columns}, ${firstSalesTouch(options.now)} as first_sales from leads l where ${scope}`;
  // One read of the SRLs (materialized) for the figures and the disqualify reasons.
  const rows = await selectRows<Row>(
    db,
    sql`
    with ready as materialized (${ready}),
    timed as (
      -- Each lead's values once: the float8 hours the percentiles sort (as percentile_cont casts them),
      -- and the SLA compared as an interval, exactly as the hours compare to it.
      select *, (extract(epoch from (first_sales - sales_ready_at)) / 3600.0)::float8 as hours,
        first_sales - sales_ready_at <= make_interval(hours => ${sla}::int) as within,
        first_sales - sales_ready_at > make_interval(hours => ${sla}::int) as late,
        (first_sales is null and sales_ready_at + make_interval(hours => ${sla}::int) > ${now}) as pending
      from ready
    )
    select
      case when grouping(t.source_id) = 0 then 'source' when grouping(t.owner) = 0 then 'owner' else 'all' end as dim,
      t.source_id as "sourceId", max(s.name) as source, t.owner,
      count(*)::int as "salesReady",
      count(t.first_sales)::int as "followedUp",
      (count(*) filter (where t.within))::int as "withinSla",
      (count(*) filter (where t.late or (t.first_sales is null and not t.pending)))::int as breached,
      (count(*) filter (where t.pending))::int as pending,
      -- Median and p75 from one sort.
      percentile_cont(array[0.5, 0.75]) within group (order by t.hours) as hours,
      (count(*) filter (where t.accepted_at < ${now}))::int as accepted,
      (count(*) filter (where t.accepted_at is null and t.status in ('disqualified', 'recycled')))::int as rejected,
      (count(*) filter (where t.status = 'disqualified' or t.disqualified_at is not null))::int as disqualified,
      case when grouping(t.source_id, t.owner) = 3 then (
        select coalesce(json_agg(json_build_object('reason', r.reason, 'count', r.count) order by r.count desc, r.reason), '[]')
        from (select coalesce(d.disqualify_reason, '(no reason given)') as reason, count(*)::int as count
              from ready d where d.status = 'disqualified' or d.disqualified_at is not null
              group by 1) r
      ) end as reasons
    from timed t left join sources s on s.id = t.source_id
    group by grouping sets ((t.source_id), (t.owner), ())`,
  );
  const reasons = rows.find((r) => r.dim === 'all')?.reasons ?? [];
  const figures = (r: Row | undefined): HandoffFigures => {
    const n = r?.salesReady ?? 0;
    const rate = (v: number) => (n === 0 ? null : v / n);
    const timed = (r?.withinSla ?? 0) + (r?.breached ?? 0);
    return {
      salesReady: n,
      followedUp: r?.followedUp ?? 0,
      withinSla: r?.withinSla ?? 0,
      breached: r?.breached ?? 0,
      pending: r?.pending ?? 0,
      slaAttainment: timed === 0 ? null : (r?.withinSla ?? 0) / timed,
      medianHours: r?.hours?.[0] ?? null,
      p75Hours: r?.hours?.[1] ?? null,
      accepted: r?.accepted ?? 0,
      acceptedRate: rate(r?.accepted ?? 0),
      rejected: r?.rejected ?? 0,
      rejectedRate: rate(r?.rejected ?? 0),
      disqualified: r?.disqualified ?? 0,
      disqualifiedRate: rate(r?.disqualified ?? 0),
    };
  };
  const overall = figures(rows.find((r) => r.dim === 'all'));
  return {
    overall,
    bySource: rows
      .filter((r) => r.dim === 'source')
      .map((r) => ({ sourceId: r.sourceId, source: r.source ?? '(no source)', ...figures(r) }))
      .sort((a, b) => b.salesReady - a.salesReady || a.source.localeCompare(b.source)),
    byOwner: rows
      .filter((r) => r.dim === 'owner')
      .map((r) => ({ owner: r.owner, ...figures(r) }))
      .sort((a, b) => b.salesReady - a.salesReady || (a.owner ?? '').localeCompare(b.owner ?? '')),
    reasons: reasons.map((r) => ({
      ...r,
      share: overall.disqualified === 0 ? 0 : r.count / overall.disqualified,
    })),
  };
}
