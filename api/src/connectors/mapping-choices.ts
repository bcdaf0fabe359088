import type { AppDeps } from '../context';
import { hubSpotClient } from './hubspot/client';
import type { MappingChoice, MappingChoices } from './mapping';

/** HubSpot's standard lifecycle stages and source properties, offered when the account is unreachable. */
const hubSpotStages: MappingChoice[] = [
  { value: 'subscriber', label: 'Subscriber' },
  { value: 'lead', label: 'Lead' },
  { value: 'marketingqualifiedlead', label: 'Marketing Qualified Lead' },
  { value: 'salesqualifiedlead', label: 'Sales Qualified Lead' },
  { value: 'opportunity', label: 'Opportunity' },
  { value: 'customer', label: 'Customer' },
  { value: 'evangelist', label: 'Evangelist' },
  { value: 'other', label: 'Other' },
];
const hubSpotSources: MappingChoice[] = [
  { value: 'hs_analytics_source', label: 'Original Source' },
  { value: 'hs_latest_source', label: 'Latest Source' },
];

/** Salesforce's standard lead sources field and lead statuses (a new org's picklist). */
const salesforceStandard: Omit<MappingChoices, 'from'> = {
  source: [{ value: 'LeadSource', label: 'Lead Source' }],
  stages: [
    { value: 'Open - Not Contacted', label: 'Open - Not Contacted' },
    { value: 'Working - Contacted', label: 'Working - Contacted' },
    { value: 'Closed - Converted', label: 'Closed - Converted' },
    { value: 'Closed - Not Converted', label: 'Closed - Not Converted' },
  ],
};

// The settings page waits on this: a CRM that does not answer soon gets the standard choices.
const choicesTimeoutMs = 5000;

/**
 * The values an admin can map for a connector: read from the account when it answers (HubSpot's
 * lifecycle stages, custom ones included), else the kind's standard ones with the reason.
 */
export async function mappingChoices(
  deps: Pick<AppDeps, 'hubspotApiBase'>,
  kind: string,
  token: string | null,
): Promise<MappingChoices> {
  if (kind !== 'hubspot') return { ...salesforceStandard, from: 'standard' };
  const standard = { source: hubSpotSources, stages: hubSpotStages, from: 'standard' as const };
  if (!token) return { ...standard, note: 'The connector is revoked: these are HubSpot’s standard stages.' };
  try {
    const client = hubSpotClient({
      token,
      baseUrl: deps.hubspotApiBase,
      maxRetries: 0,
      fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(choicesTimeoutMs) }),
    });
    const options = (await client.lifecycleStages()).filter((o) => !o.hidden && o.value);
    if (!options.length) throw new Error('HubSpot listed no lifecycle stage');
    return {
      source: hubSpotSources,
      stages: options.map((o) => ({ value: o.value, label: o.label || o.value })),
      from: 'account',
    };
  } catch (error) {
    return {
      ...standard,
      note: `HubSpot’s lifecycle stages could not be read (${(error as Error).message}): these are the standard ones.`,
    };
  }
}
