import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, factsServe } from '../../rollups/rollups';
import { inRange, leadConditions, type MetricFilter } from '../filter';

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  rows: T[];
}

export interface NeglectedLead {
  id: number;
  externalId: string;
  company: string | null;
  sourceId: number | null;
  source: string | null;
  owner: string | null;
  segment: string | null;
  salesReadyAt: string;
  hoursWaiting: number;
}

export interface StalledLead {
  id: number;
  externalId: string;
  company: string | null;
  sourceId: number | null;
  source: string | null;
  owner: string | null;
  stage: 'sales_ready' | 'accepted' | 'opportunity';
  /** When the lead reached its current stage. */
  stageAt: string;
  daysInStage: number;
  /** The last touch (either side) or stage change. */
  lastActivityAt: string;
  daysSinceActivity: number;
  amount: number | null;
}

/** Still with sales: sales-ready, not won, lost, disqualified or recycled. */
const stillOpen = sql`l.status = 'open' and l.won_at is null and l.lost_at is null and l.disqualified_at is null`;

const iso = (column: string) =>
  sql`to_char(${sql.raw(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * Neglected SRLs: sales-ready in the filter's range, still open, the SLA elapsed and no sales
 * touch since becoming sales-ready. Longest waiting first.
 */
export async function neglectedLeads(
  db: Database,
  filter: MetricFilter,
  options: { slaHours: number; now: Date; limit: number; offset: number } & FigureOptions,
): Promise<Page<NeglectedLead>> {
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const due = sql`${now} - make_interval(hours => ${options.slaHours}::int)`;
  // From the facts: the SRLs still with sales (a partial index), their first sales touch kept whenever
  // it happened (one after `now` is none yet). The leads are read for the filters and the page only.
  const from = (await factsServe(db, options))
    ? sql`rollup_lead_facts f join leads l on l.id = f.lead_id
      where ${inRange(sql`f.handoff_at`, filter)} and f.handoff_at <= ${due} and f.with_sales
        and (f.first_sales_at is null or f.first_sales_at >= ${now}) and ${leadConditions(filter)}`
    : sql`leads l
      where ${inRange(sql`l.sales_ready_at`, filter)} and l.sales_ready_at <= ${due}
        and ${stillOpen} and ${leadConditions(filter)}
        and not exists (select 1 from touches t where t.lead_id = l.id and t.actor = 'sales'
          and t.occurred_at >= l.sales_ready_at and t.occurred_at < ${now})`;
  const [count] = await selectRows<{ total: number }>(db, sql`select count(*)::int as total from ${from}`);
  if (options.limit === 0 || (count?.total ?? 0) <= options.offset)
    return { total: count?.total ?? 0, limit: options.limit, offset: options.offset, rows: [] };
  const rows = await selectRows<NeglectedLead>(
    db,
    sql`select l.id::int as id, l.external_id as "externalId", l.company, l.source_id as "sourceId",
        (select s.name from sources s where s.id = l.source_id) as source, l.owner, l.segment,
        ${iso('l.sales_ready_at')} as "salesReadyAt",
        (extract(epoch from (${now} - l.sales_ready_at)) / 3600.0)::float8 as "hoursWaiting"
      from ${from}
      order by l.sales_ready_at, l.id
      limit ${options.limit}::int offset ${options.offset}::int`,
  );
  return { total: count?.total ?? 0, limit: options.limit, offset: options.offset, rows };
}

/**
 * Stalled leads: sales-ready in the filter's range, still open (at SRL, accepted or
 * opportunity), with no touch and no stage change for `stalledDays`. Quietest first.
 */
export async function stalledLeads(
  db: Database,
  filter: MetricFilter,
  options: { stalledDays: number; now: Date; limit: number; offset: number } & FigureOptions,
): Promise<Page<StalledLead>> {
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const quietSince = sql`${now} - make_interval(days => ${options.stalledDays}::int)`;
  const stageAt = sql`greatest(l.sales_ready_at, l.accepted_at, l.opportunity_at)`;
  const lastTouch = sql`(select max(t.occurred_at) from touches t where t.lead_id = l.id and t.occurred_at < ${now})`;
  // The facts keep the last activity with every touch, also one after `now`: then it is read again
  // from the touches before `now` (rare). It is never less than that, so the index can filter first.
  const base = (await factsServe(db, options))
    ? sql`
    with open_leads as (
      select l.*, ${stageAt} as stage_at,
        case when f.last_activity_at < ${now} then f.last_activity_at
          else greatest(${stageAt}, ${lastTouch}) end as last_activity
      from rollup_lead_facts f join leads l on l.id = f.lead_id
      where ${inRange(sql`f.handoff_at`, filter)} and f.handoff_at < ${now} and f.with_sales
        and (f.last_activity_at < ${quietSince} or f.last_activity_at >= ${now})
        and ${leadConditions(filter)}
    ),
    quiet as (select * from open_leads where last_activity < ${quietSince})`
    : sql`
    with open_leads as (
      select l.*, ${stageAt} as stage_at, ${lastTouch} as last_touch
      from leads l
      where ${inRange(sql`l.sales_ready_at`, filter)} and l.sales_ready_at < ${now}
        and ${stillOpen} and ${leadConditions(filter)}
    ),
    quiet as (
      select *, greatest(stage_at, last_touch) as last_activity from open_leads
      where greatest(stage_at, last_touch) < ${quietSince}
    )`;
  const [count] = await selectRows<{ total: number }>(
    db,
    sql`${base} select count(*)::int as total from quiet`,
  );
  if (options.limit === 0 || (count?.total ?? 0) <= options.offset)
    return { total: count?.total ?? 0, limit: options.limit, offset: options.offset, rows: [] };
  const rows = await selectRows<StalledLead>(
    db,
    sql`${base}
      select q.id::int as id, q.external_id as "externalId", q.company, q.source_id as "sourceId",
        s.name as source, q.owner,
        case when q.opportunity_at is not null then 'opportunity'
          when q.accepted_at is not null then 'accepted' else 'sales_ready' end as stage,
        ${iso('q.stage_at')} as "stageAt",
        (extract(epoch from (${now} - q.stage_at)) / 86400.0)::float8 as "daysInStage",
        ${iso('q.last_activity')} as "lastActivityAt",
        (extract(epoch from (${now} - q.last_activity)) / 86400.0)::float8 as "daysSinceActivity",
        q.amount::float8 as amount
      from quiet q left join sources s on s.id = q.source_id
      order by q.last_activity, q.id
      limit ${options.limit}::int offset ${options.offset}::int`,
  );
  return { total: count?.total ?? 0, limit: options.limit, offset: options.offset, rows };
}
