import { type SQL, sql } from 'drizzle-orm';

/** A lead whose latest stage is older than this many days at the cutoff is taken as gone cold, not open. */
export const coldAfterDays = 365;

/** The instant a local day ends: local midnight after it, in `timezone`. */
export function endOfDay(day: string, timezone: string): SQL {
  return sql`((${day}::date + 1)::timestamp at time zone ${timezone})`;
}

/**
 * The open leads and deals at `cutoff`, rebuilt from the stage timestamps: created before it, not won, lost
 * or disqualified before it, last moved within `coldAfterDays`, at the latest stage reached (as
 * `snapshotStages`). Amount, expected close, owner and source are the lead's current ones.
 */
export function openStateAt(cutoff: SQL, where: SQL = sql`true`): SQL {
  return sql`
    select l.id as lead_id,
      (case when l.opportunity_at < ${cutoff} then 4 when l.accepted_at < ${cutoff} then 3
            when l.sales_ready_at < ${cutoff} then 2 when l.mql_at < ${cutoff} then 1 else 0 end)::smallint as stage,
      l.amount, l.expected_close_on, l.owner, l.source_id
    from leads l
    where l.created_at < ${cutoff}
      and coalesce(least(l.won_at, l.lost_at, l.disqualified_at) >= ${cutoff}, true)
      and greatest(l.created_at,
            case when l.mql_at < ${cutoff} then l.mql_at end,
            case when l.sales_ready_at < ${cutoff} then l.sales_ready_at end,
            case when l.accepted_at < ${cutoff} then l.accepted_at end,
            case when l.opportunity_at < ${cutoff} then l.opportunity_at end)
          >= ${cutoff} - make_interval(days => ${coldAfterDays}::int)
      and ${where}`;
}
