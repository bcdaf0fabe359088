import { type Database, selectRows } from '@salesready/db/client';
import { enqueueJob, type Job } from '@salesready/db/jobs/queue';
import { type ConnectorRun, connectors } from '@salesready/db/schema/index';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { connectorSealContext } from '../../auth/seal-contexts';
import { SecretBox } from '../../auth/secrets';
import { HubSpotError, hubSpotClient } from '../../connectors/hubspot/client';
import { ownerNames } from '../../connectors/hubspot/mapping';
import { emptyTally, type HubSpotSyncState, startSync, syncSlice } from '../../connectors/hubspot/sync';
import { effectiveMapping } from '../../connectors/mapping';
import { salesforceSlice } from '../../connectors/salesforce/job-slice';
import type { JobKind } from '../kind';

export const connectorSyncKind = 'connector-sync';
export const connectorsHourlyKind = 'connectors-hourly';

interface SyncCursor {
  state: HubSpotSyncState;
  run: ConnectorRun;
}

/**
 * One page of a connector's sync per slice: read from the CRM, written in this slice's transaction
 * with where it stopped (the job's cursor) and the run's counts on the connector, so a sync killed
 * anywhere goes on from the next page with nothing done twice. A refused token or a spent daily
 * allowance ends the run with the reason on the connector; a passing failure is retried by the runner.
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
    const token = await new SecretBox(services.secretsKeys).open(connector.secret, connectorSealContext(id));
    const client = hubSpotClient({ token, baseUrl: services.hubspotApiBase });
    const previous = (cursor as SyncCursor | null) ?? null;
    const state = previous?.state ?? startSync((connector.state as HubSpotSyncState | null) ?? null, now);
    const run: ConnectorRun = previous?.run ?? {
      startedAt: now.toISOString(),
      finishedAt: null,
      ...emptyTally(),
    };
    const tally = emptyTally();
    let next: HubSpotSyncState;
    try {
      next = await syncSlice(
        db,
        client,
        state,
        ownerNames(await client.owners()),
        tally,
        effectiveMapping(connector.kind, connector.mapping),
      );
    } catch (error) {
      if (
        !(error instanceof HubSpotError) ||
        (error.status !== 401 && error.status !== 403 && !error.retryAt)
      ) {
        throw error;
      }
      await db
        .update(connectors)
        .set({ status: 'failed', message: error.message, lastRun: { ...run, finishedAt: now.toISOString() } })
        .where(eq(connectors.id, id));
      return { cursor: { state, run }, done: true, result: { failed: error.message } };
    }
    const merged: ConnectorRun = {
      ...run,
      read: run.read + tally.read,
      inserted: run.inserted + tally.inserted,
      updated: run.updated + tally.updated,
      rejected: run.rejected + tally.rejected,
      deleted: run.deleted + tally.deleted,
      errors: [...run.errors, ...tally.errors].slice(0, 200),
    };
    const done = next.phase === 'done';
    if (done) merged.finishedAt = new Date().toISOString();
    await db
      .update(connectors)
      .set({
        status: done ? 'idle' : 'syncing',
        message: null,
        lastRun: merged,
        ...(done && { state: next }),
      })
      .where(eq(connectors.id, id));
    return {
      cursor: { state: next, run: merged } satisfies SyncCursor,
      done,
      progress: { done: merged.read, total: merged.read },
      result: done ? merged : undefined,
    };
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
