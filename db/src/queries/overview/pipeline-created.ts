import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { inRange, leadConditions, type MetricFilter } from '../filter';

/**
 * Pipeline created: the amount of the opportunities created in the period (docs/metrics.md), the flow
 * that pipeline targets and the pacing count (docs/pacing.md), beside open pipeline, the stock.
 */
export async function pipelineCreated(db: Database, filter: MetricFilter): Promise<number> {
  const [row] = await selectRows<{ amount: number }>(
    db,
    sql`select coalesce(sum(coalesce(l.amount, 0)), 0)::float8 as amount
      from leads l where ${inRange(sql`l.opportunity_at`, filter)} and ${leadConditions(filter)}`,
  );
  return row?.amount ?? 0;
}
