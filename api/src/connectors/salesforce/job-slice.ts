import { type ConnectorRun, connectors } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { SecretBox } from '../../auth/secrets';
import type { SliceContext, SliceResult } from '../../jobs/kind';
import { effectiveMapping } from '../mapping';
import { SalesforceError, salesforceClient } from './client';
import { openCredentials, type SalesforceSettings, storeTokens } from './credentials';
import { SalesforceAuthError } from './oauth';
import { emptyTally, type SalesforceSyncState, startSync, syncSlice } from './sync';

interface SyncCursor {
  state: SalesforceSyncState;
  run: ConnectorRun;
}

type ConnectorRow = typeof connectors.$inferSelect;

/**
 * One page of a Salesforce connector's sync (the connector-sync job's slice for this kind): the same
 * cursor and run counts as HubSpot's. A refused credential or an allowance still spent after the
 * retries ends the run with the reason on the connector; a passing failure is retried by the runner.
 */
export async function salesforceSlice(
  { db, cursor, now, services }: Pick<SliceContext, 'db' | 'cursor' | 'now' | 'services'>,
  connector: ConnectorRow,
): Promise<SliceResult> {
  const settings = connector.settings as unknown as SalesforceSettings;
  if (connector.status === 'pending' || !connector.secret) {
    return { cursor: null, done: true, result: { skipped: 'not authorized yet' } };
  }
  const box = new SecretBox(services.secretsKeys);
  const credentials = await openCredentials(box, connector.id, connector.secret, settings);
  const client = salesforceClient({
    credentials,
    onTokens: (fresh) => storeTokens(db, box, connector.id, settings, fresh),
  });
  const previous = (cursor as SyncCursor | null) ?? null;
  const state = previous?.state ?? startSync((connector.state as SalesforceSyncState | null) ?? null, now);
  const run: ConnectorRun = previous?.run ?? {
    startedAt: now.toISOString(),
    finishedAt: null,
    ...emptyTally(),
  };
  const tally = emptyTally();
  let next: SalesforceSyncState;
  try {
    next = await syncSlice(db, client, state, tally, {
      mapping: effectiveMapping('salesforce', connector.mapping),
    });
  } catch (error) {
    const final =
      error instanceof SalesforceAuthError
        ? error.status >= 400 && error.status < 500
        : error instanceof SalesforceError &&
          (error.status === 401 ||
            error.status === 403 ||
            error.retryAt !== null ||
            error.errorCode === 'BULK_JOB_FAILED');
    if (!final) throw error;
    await db
      .update(connectors)
      .set({
        status: 'failed',
        message: (error as Error).message,
        lastRun: { ...run, finishedAt: now.toISOString() },
      })
      .where(eq(connectors.id, connector.id));
    return { cursor: { state, run }, done: true, result: { failed: (error as Error).message } };
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
    .set({ status: done ? 'idle' : 'syncing', message: null, lastRun: merged, ...(done && { state: next }) })
    .where(eq(connectors.id, connector.id));
  return {
    cursor: { state: next, run: merged } satisfies SyncCursor,
    done,
    progress: { done: merged.read, total: merged.read },
    result: done ? merged : undefined,
  };
}
