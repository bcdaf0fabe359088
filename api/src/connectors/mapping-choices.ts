import { connectorSealContext } from '../auth/seal-contexts';
import { secretBox } from '../auth/secrets';
import type { AppDeps } from '../context';
import { hubSpotAccountChoices, hubSpotStandard } from './hubspot/choices';
import { hubSpotClient } from './hubspot/client';
import type { MappingChoices } from './mapping';
import { salesforceOrgChoices, salesforceStandard } from './salesforce/choices';
import { salesforceClient } from './salesforce/client';
import { openCredentials, type SalesforceSettings, storeTokens } from './salesforce/credentials';

export interface AccountChoices {
  choices: MappingChoices;
  /** Every field of the CRM a source could be read from, when it was read: a mapping's must be one. */
  fields: Set<string> | null;
}

interface ConnectorRow {
  id: number;
  kind: string;
  status: string;
  secret: string | null;
  settings: unknown;
}

// The settings page waits on this: a CRM that does not answer soon gets the standard choices.
const choicesTimeoutMs = 5000;

/** A fetch whose requests all end by one deadline, however many the read takes (a token renewal, then the read). */
const fetchBy =
  (deadline: AbortSignal): typeof fetch =>
  (url, init) =>
    fetch(url, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });

const words = {
  hubspot: { crm: 'HubSpot', values: 'lifecycle stages', standard: hubSpotStandard },
  salesforce: { crm: 'Salesforce', values: 'lead statuses', standard: salesforceStandard },
};

/**
 * The values an admin can map for a connector: read from the account when it answers (HubSpot's
 * lifecycle stages, Salesforce's Lead statuses, custom ones included), else the kind's standard ones
 * with the reason. A Salesforce token renewed on the way is kept, as a sync keeps it.
 */
export async function mappingChoices(
  deps: Pick<AppDeps, 'db' | 'hubspotApiBase' | 'secretsKeys'>,
  connector: ConnectorRow,
): Promise<AccountChoices> {
  const { crm, values, standard } = connector.kind === 'salesforce' ? words.salesforce : words.hubspot;
  const fallback = (note: string): AccountChoices => ({
    choices: { ...standard, from: 'standard', note },
    fields: null,
  });
  if (!connector.secret) return fallback(`The connector is revoked: these are ${crm}’s standard ${values}.`);
  if (connector.status === 'pending') {
    return fallback(`The connector is not authorized yet: these are ${crm}’s standard ${values}.`);
  }
  const box = secretBox(deps);
  const fetchOnce = fetchBy(AbortSignal.timeout(choicesTimeoutMs));
  try {
    if (connector.kind === 'salesforce') {
      const settings = connector.settings as SalesforceSettings;
      const credentials = await openCredentials(box, connector.id, connector.secret, settings);
      const client = salesforceClient({
        credentials,
        maxRetries: 0,
        fetch: fetchOnce,
        onTokens: (fresh) => storeTokens(deps.db, box, connector.id, settings, fresh),
      });
      return await salesforceOrgChoices(client);
    }
    const token = await box.open(connector.secret, connectorSealContext(connector.id));
    const client = hubSpotClient({ token, baseUrl: deps.hubspotApiBase, maxRetries: 0, fetch: fetchOnce });
    return await hubSpotAccountChoices(client);
  } catch (error) {
    return fallback(
      `${crm}’s ${values} could not be read (${(error as Error).message}): these are the standard ones.`,
    );
  }
}
