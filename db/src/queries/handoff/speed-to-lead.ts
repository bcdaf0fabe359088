import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
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

/** The first sales touch at or after a lead's sales-ready time (index: touches(lead_id, occurred_at)). */
export function firstSalesTouch(now: Date): SQL {
  return sql`(select min(t.occurred_at) from touches t
    where t.lead_id = l.id and t.actor = 'sales' and t.occurred_at >= l.sales_ready_at and t.occurred_at < ${now.toISOString()}::timestamptz)`;
}

type Row = HandoffFigures & {
  dim: 'all' | 'source' | 'owner';
  sourceId: number | null;
  source: string | null;
  owner: string | null;
};

/**
 * Speed to lead and the hand-off to sales, for the leads that became sales-ready in the period:
 * hours to the first sales touch (median, p75), SLA attainment, accepted, rejected and
 * disqualified rates; overall, per source and per owner.
 */
export async function speedToLead(
  db: Database,
  filter: MetricFilter,
  options: { slaHours: number; now: Date },
): Promise<SpeedToLead> {
  const where = leadConditions(filter);
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const sla = options.slaHours;
  const rows = await selectRows<Row>(
    db,
    sql`
    with ready as (
      select l.source_id, l.owner, l.sales_ready_at, l.accepted_at, l.status, l.disqualified_at,
        ${firstSalesTouch(options.now)} as first_sales
      from leads l
      where ${inRange(sql`l.sales_ready_at`, filter)} and l.sales_ready_at < ${now} and ${where}
    ),
    timed as (
      select *, extract(epoch from (first_sales - sales_ready_at)) / 3600.0 as hours,
        (first_sales is null and sales_ready_at + make_interval(hours => ${sla}::int) > ${now}) as pending
      from ready
    )
    select
      case when grouping(t.source_id) = 0 then 'source' when grouping(t.owner) = 0 then 'owner' else 'all' end as dim,
      t.source_id as "sourceId", max(s.name) as source, t.owner,
      count(*)::int as "salesReady",
      count(t.first_sales)::int as "followedUp",
      (count(*) filter (where t.hours <= ${sla}::int))::int as "withinSla",
      (count(*) filter (where t.hours > ${sla}::int or (t.first_sales is null and not t.pending)))::int as breached,
      (count(*) filter (where t.pending))::int as pending,
      (percentile_cont(0.5) within group (order by t.hours))::float8 as "medianHours",
      (percentile_cont(0.75) within group (order by t.hours))::float8 as "p75Hours",
      (count(*) filter (where t.accepted_at < ${now}))::int as accepted,
      (count(*) filter (where t.accepted_at is null and t.status in ('disqualified', 'recycled')))::int as rejected,
      (count(*) filter (where t.status = 'disqualified' or t.disqualified_at is not null))::int as disqualified
    from timed t left join sources s on s.id = t.source_id
    group by grouping sets ((t.source_id), (t.owner), ())`,
  );
  const reasons = await selectRows<{ reason: string; count: number }>(
    db,
    sql`select coalesce(l.disqualify_reason, '(no reason given)') as reason, count(*)::int as count
      from leads l
      where ${inRange(sql`l.sales_ready_at`, filter)} and l.sales_ready_at < ${now}
        and (l.status = 'disqualified' or l.disqualified_at is not null) and ${where}
      group by 1 order by 2 desc, 1`,
  );
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
      medianHours: r?.medianHours ?? null,
      p75Hours: r?.p75Hours ?? null,
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
