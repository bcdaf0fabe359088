import type { connectors } from '@salesready/db/schema/index';
import { SecretBox } from '../../auth/secrets';
import type { SliceContext, SliceResult } from '../../jobs/kind';
import { effectiveMapping } from '../mapping';
import { connectorSlice } from '../sync-run';
import { SalesforceError, salesforceClient } from './client';
import { openCredentials, type SalesforceSettings, storeTokens } from './credentials';
import { SalesforceAuthError } from './oauth';
import { type SalesforceSyncState, startSync, syncSlice } from './sync';

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
  return connectorSlice<SalesforceSyncState>({ db, cursor, now }, connector.id, {
    start: () => startSync((connector.state as SalesforceSyncState | null) ?? null, now),
    slice: (state, tally) =>
      syncSlice(db, client, state, tally, { mapping: effectiveMapping('salesforce', connector.mapping) }),
    isFinal: (error) =>
      error instanceof SalesforceAuthError
        ? error.status >= 400 && error.status < 500
        : error instanceof SalesforceError &&
          (error.status === 401 ||
            error.status === 403 ||
            error.retryAt !== null ||
            error.errorCode === 'BULK_JOB_FAILED'),
  });
}
