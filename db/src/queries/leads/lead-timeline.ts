import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { furthestStageSql } from './list-leads';

export interface LeadDetail {
  id: number;
  externalId: string;
  originSystem: string;
  company: string | null;
  source: string;
  category: string;
  campaign: string | null;
  owner: string | null;
  segment: string | null;
  country: string | null;
  stage: string;
  budget: boolean;
  authority: boolean;
  need: boolean;
  timeframe: boolean;
  bantScore: number;
  score: number | null;
  amount: number | null;
  disqualifyReason: string | null;
  /** Each stage reached, in time order (imported data may have them out of order). */
  stages: { stage: string; at: string }[];
  touches: { occurredAt: string; kind: string; channel: string | null; actor: string }[];
}

const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

/** A lead with its stages and touches in time order, or null when there is no such lead. */
export async function leadTimeline(db: Database, id: number): Promise<LeadDetail | null> {
  const [lead] = await selectRows<Omit<LeadDetail, 'touches'>>(
    db,
    sql`
    select l.id::float8 as id, l.external_id as "externalId", l.origin_system as "originSystem", l.company,
      coalesce(s.name, 'Unknown') as source, coalesce(s.category, 'other') as category, l.campaign,
      l.owner, l.segment, l.country, ${furthestStageSql} as stage,
      l.budget, l.authority, l.need, l.timeframe, l.bant_score::int as "bantScore", l.score::int as score,
      l.amount::float8 as amount, l.disqualify_reason as "disqualifyReason",
      (select coalesce(json_agg(json_build_object('stage', x.stage, 'at', x.at) order by x.ts), '[]'::json)
         from (values ('lead', l.created_at), ('mql', l.mql_at), ('salesReady', l.sales_ready_at),
                      ('accepted', l.accepted_at), ('opportunity', l.opportunity_at), ('won', l.won_at),
                      ('lost', l.lost_at), ('disqualified', l.disqualified_at)) as v(stage, ts_raw)
         cross join lateral (select v.stage, v.ts_raw as ts, ${iso('v.ts_raw')} as at) x
         where v.ts_raw is not null) as stages
    from leads l left join sources s on s.id = l.source_id
    where l.id = ${id}`,
  );
  if (!lead) return null;
  const touches = await selectRows<LeadDetail['touches'][number]>(
    db,
    sql`select ${iso('t.occurred_at')} as "occurredAt", t.kind, t.channel, t.actor
        from touches t where t.lead_id = ${id} order by t.occurred_at, t.id`,
  );
  return { ...lead, touches };
}
