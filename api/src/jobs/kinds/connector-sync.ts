import { type Database, selectRows } from '@salesready/db/client';
import { enqueueJob, type Job } from '@salesready/db/jobs/queue';
import { connectors } from '@salesready/db/schema/index';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { hubSpotSlice } from '../../connectors/hubspot/job-slice';
import { salesforceSlice } from '../../connectors/salesforce/job-slice';
import type { JobKind } from '../kind';

export const connectorSyncKind = 'connector-sync';
export const connectorsHourlyKind = 'connectors-hourly';

/**
 * One page of a connector's sync per slice, written in the slice's transaction with the job's cursor and the
 * run's counts, so a sync killed anywhere goes on from the next page with nothing done twice. A refused token
 * or a spent daily allowance ends the run with the reason; a passing failure is retried by the runner.
 */
export const connectorSync: JobKind = {
  kind: connectorSyncKind,
  async run({ db, cursor, payload, now, services }) {
    const id = Number(payload.connectorId);
    const [connector] = await db
      .select()
      .from(connectors)
      .where(and(eq(connectors.id, id), isNull(connectors.revokedAt)));
    if (!connector?.secret) return { cursor: null, done: true, result: { skipped: 'revoked' } };
    if (connector.kind === 'salesforce') return salesforceSlice({ db, cursor, now, services }, connector);
    return hubSpotSlice({ db, cursor, now, services }, { ...connector, secret: connector.secret });
  },
};

/** Queues a connector's sync; one per connector at a time (asking again starts the queued one over). */
export function enqueueConnectorSync(db: Database, connectorId: number): Promise<Job> {
  return enqueueJob(db, {
    kind: connectorSyncKind,
    key: `connector-sync:${connectorId}`,
    payload: { connectorId },
  });
}

/** Every hour, a sync of every live connector. */
export const connectorsHourly: JobKind = {
  kind: connectorsHourlyKind,
  schedule: '0 * * * *',
  async run({ db }) {
    const live = await selectRows<{ id: number }>(
      db,
      sql`select id from connectors where revoked_at is null`,
    );
    for (const { id } of live) await enqueueConnectorSync(db, Number(id));
    return { cursor: null, done: true, result: { queued: live.length } };
  },
};
