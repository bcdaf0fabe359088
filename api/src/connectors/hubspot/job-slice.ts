import type { connectors } from '@salesready/db/schema/index';
import { connectorSealContext } from '../../auth/seal-contexts';
import { SecretBox } from '../../auth/secrets';
import type { SliceContext, SliceResult } from '../../jobs/kind';
import { effectiveMapping } from '../mapping';
import { connectorSlice } from '../sync-run';
import { HubSpotError, hubSpotClient } from './client';
import { ownerNames } from './mapping';
import { type HubSpotSyncState, startSync, syncSlice } from './sync';

type ConnectorRow = typeof connectors.$inferSelect;

/**
 * One page of a HubSpot connector's sync (the connector-sync job's slice for this kind). A refused
 * token or a spent daily allowance ends the run with the reason on the connector; a passing failure
 * is retried by the runner.
 */
export async function hubSpotSlice(
  { db, cursor, now, services }: Pick<SliceContext, 'db' | 'cursor' | 'now' | 'services'>,
  connector: ConnectorRow & { secret: string },
): Promise<SliceResult> {
  const box = new SecretBox(services.secretsKeys);
  const token = await box.open(connector.secret, connectorSealContext(connector.id));
  const client = hubSpotClient({ token, baseUrl: services.hubspotApiBase });
  return connectorSlice<HubSpotSyncState>({ db, cursor, now }, connector.id, {
    start: () => startSync((connector.state as HubSpotSyncState | null) ?? null, now),
    slice: async (state, tally) =>
      syncSlice(
        db,
        client,
        state,
        ownerNames(await client.owners()),
        tally,
        effectiveMapping(connector.kind, connector.mapping),
      ),
    isFinal: (error) =>
      error instanceof HubSpotError && (error.status === 401 || error.status === 403 || !!error.retryAt),
  });
}
