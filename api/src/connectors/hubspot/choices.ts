import type { MappingChoices } from '../mapping';
import type { HubSpotClient } from './client';

/** HubSpot's standard lifecycle stages and source properties, offered when the account is unreachable. */
export const hubSpotStandard: Pick<MappingChoices, 'source' | 'stages'> = {
  source: [
    { value: 'hs_analytics_source', label: 'Original Source' },
    { value: 'hs_latest_source', label: 'Latest Source' },
  ],
  stages: [
    { value: 'subscriber', label: 'Subscriber' },
    { value: 'lead', label: 'Lead' },
    { value: 'marketingqualifiedlead', label: 'Marketing Qualified Lead' },
    { value: 'salesqualifiedlead', label: 'Sales Qualified Lead' },
    { value: 'opportunity', label: 'Opportunity' },
    { value: 'customer', label: 'Customer' },
    { value: 'evangelist', label: 'Evangelist' },
    { value: 'other', label: 'Other' },
  ],
};

/** The account's lifecycle stages, custom ones included, hidden ones not. */
export async function hubSpotAccountChoices(
  client: HubSpotClient,
): Promise<{ choices: MappingChoices; fields: Set<string> | null }> {
  const options = (await client.lifecycleStages()).filter((o) => !o.hidden && o.value);
  if (!options.length) throw new Error('HubSpot listed no lifecycle stage');
  return {
    choices: {
      source: hubSpotStandard.source,
      stages: options.map((o) => ({ value: o.value, label: o.label || o.value })),
      from: 'account',
    },
    fields: null,
  };
}
