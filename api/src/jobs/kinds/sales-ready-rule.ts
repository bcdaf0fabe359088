import type { Database } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { enqueueJob, type Job } from '@salesready/db/jobs/queue';
import { effectiveSalesReadyAt } from '@salesready/db/sales-ready-rule';
import { sql } from 'drizzle-orm';
import type { JobKind } from '../kind';

export const salesReadyRuleKind = 'sales-ready-rule';
/** One re-application at a time: a second change restarts it over every lead. */
export const salesReadyRuleKey = 'sales-ready-rule';

/** Leads per slice: about half a second of writes with the rollup triggers on PostgreSQL. */
const defaultBatch = 5000;

/**
 * Re-applies the sales-ready rule as the settings hold it now, over one batch of leads in id order
 * (keyset: `id > cursor`) per slice. The rollups follow through their triggers in the same
 * transaction, and each slice's writes change the data version, so no kept answer outlives it.
 */
export const salesReadyRule: JobKind = {
  kind: salesReadyRuleKind,
  async run({ db, cursor, payload, job }) {
    const after = typeof cursor === 'number' ? cursor : 0;
    const size = typeof payload.batchSize === 'number' ? payload.batchSize : defaultBatch;
    // The total is counted once, by the run's first slice.
    const counted = after === 0 || !job.progress ? sql`(select count(*)::int from leads)` : sql`0`;
    const [batch] = await selectRows<{ last: number | null; n: number; total: number }>(
      db,
      sql`select max(id)::float8 as last, count(*)::int as n, ${counted} as total
        from (select id from leads where id > ${after} order by id limit ${size}) b`,
    );
    const { last, n, total } = defined(batch);
    const done = (job.progress?.done ?? 0) + n;
    if (last !== null) {
      await db.execute(sql`
        update leads l set sales_ready_at = ${effectiveSalesReadyAt}
        from settings s
        where s.id = 1 and l.id > ${after} and l.id <= ${last}
          and l.sales_ready_at is distinct from (${effectiveSalesReadyAt})`);
    }
    const progress = { done, total: Math.max(total || (job.progress?.total ?? 0), done) };
    return { cursor: last ?? after, done: n < size, progress, result: { leads: done } };
  },
};

/** Queues the re-application (restarting one under way); the settings route calls it in its transaction. */
export function enqueueSalesReadyRule(db: Database, options: { batchSize?: number } = {}): Promise<Job> {
  return enqueueJob(db, {
    kind: salesReadyRuleKind,
    key: salesReadyRuleKey,
    payload: options.batchSize ? { batchSize: options.batchSize } : {},
  });
}
