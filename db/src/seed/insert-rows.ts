import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { defined } from '../defined';
import type { DemoLead } from './generate-leads';
import type { TouchBuffer } from './generate-touches';
import { booleanArray, numberArray, seconds, textArray } from './pg-array';
import { touchCodeTable } from './touch-types';

/** Inserts leads in order and returns their ids, in the same order. */
export async function insertLeads(db: Database, batch: readonly DemoLead[], sourceIds: readonly number[]) {
  const column = <T>(pick: (lead: DemoLead) => T) => batch.map(pick);
  const time = (pick: (lead: DemoLead) => number | null) => numberArray(column((l) => seconds(pick(l))));
  const rows = await selectRows<{ id: number | string; external_id: string }>(
    db,
    sql`
    insert into leads (external_id, origin_system, created_at, source_id, campaign, company, segment, country, owner,
      mql_at, crm_sales_ready_at, sales_ready_at, accepted_at, opportunity_at, won_at, lost_at, disqualified_at,
      budget, authority, need, timeframe, score, amount, status, disqualify_reason, updated_at)
    select t.external_id, 'demo', to_timestamp(t.created_at), t.source_id, t.campaign, t.company, t.segment, t.country,
      t.owner, to_timestamp(t.mql_at), to_timestamp(t.sales_ready_at), to_timestamp(t.sales_ready_at),
      to_timestamp(t.accepted_at), to_timestamp(t.opportunity_at), to_timestamp(t.won_at), to_timestamp(t.lost_at),
      to_timestamp(t.disqualified_at), t.budget, t.authority, t.need, t.timeframe, t.score, t.amount, t.status,
      t.disqualify_reason, to_timestamp(t.updated_at)
    from unnest(
      ${textArray(column((l) => l.externalId))}::text[],
      ${time((l) => l.createdAt)}::float8[],
      ${numberArray(column((l) => defined(sourceIds[l.source])))}::int[],
      ${textArray(column((l) => l.campaign))}::text[],
      ${textArray(column((l) => l.company))}::text[],
      ${textArray(column((l) => l.segment))}::text[],
      ${textArray(column((l) => l.country))}::text[],
      ${textArray(column((l) => l.owner))}::text[],
      ${time((l) => l.mqlAt)}::float8[],
      ${time((l) => l.salesReadyAt)}::float8[],
      ${time((l) => l.acceptedAt)}::float8[],
      ${time((l) => l.opportunityAt)}::float8[],
      ${time((l) => l.wonAt)}::float8[],
      ${time((l) => l.lostAt)}::float8[],
      ${time((l) => l.disqualifiedAt)}::float8[],
      ${booleanArray(column((l) => l.bant[0]))}::boolean[],
      ${booleanArray(column((l) => l.bant[1]))}::boolean[],
      ${booleanArray(column((l) => l.bant[2]))}::boolean[],
      ${booleanArray(column((l) => l.bant[3]))}::boolean[],
      ${numberArray(column((l) => l.score))}::smallint[],
      ${numberArray(column((l) => l.amount))}::numeric[],
      ${textArray(column((l) => l.status))}::text[],
      ${textArray(column((l) => l.disqualifyReason))}::text[],
      ${time((l) => l.updatedAt)}::float8[]
    ) as t(external_id, created_at, source_id, campaign, company, segment, country, owner, mql_at, sales_ready_at,
      accepted_at, opportunity_at, won_at, lost_at, disqualified_at, budget, authority, need, timeframe, score,
      amount, status, disqualify_reason, updated_at)
    returning id, external_id`,
  );
  // Ids are handed out in insert order; checked rather than assumed, since touches hang on them.
  return rows.map((row, i) => {
    if (row.external_id !== batch[i]?.externalId)
      throw new Error('seedDemo: lead ids came back out of order');
    return Number(row.id);
  });
}

export async function insertTouches(db: Database, touches: TouchBuffer): Promise<void> {
  await db.execute(sql`
    insert into touches (lead_id, origin_system, occurred_at, kind, channel, actor)
    select t.lead_id, 'demo', to_timestamp(t.occurred_at),
      (${textArray(touchCodeTable.kinds)}::text[])[t.code],
      (${textArray(touchCodeTable.channels)}::text[])[t.code],
      (${textArray(touchCodeTable.actors)}::text[])[t.code]
    from unnest(
      ${numberArray(touches.leadIds)}::bigint[],
      ${numberArray(touches.occurredAt)}::float8[],
      ${numberArray(touches.codes)}::int[]
    ) as t(lead_id, occurred_at, code)`);
}
