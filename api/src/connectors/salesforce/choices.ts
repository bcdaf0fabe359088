import type { MappingChoices } from '../mapping';
import { sourceChoices } from '../source-fields';
import type { SalesforceClient, SalesforceField } from './client';

/** Salesforce's standard lead source field and lead statuses (a new org's picklist). */
export const salesforceStandard: Pick<MappingChoices, 'source' | 'stages'> = {
  source: [{ value: 'LeadSource', label: 'Lead Source' }],
  stages: [
    { value: 'Open - Not Contacted', label: 'Open - Not Contacted' },
    { value: 'Working - Contacted', label: 'Working - Contacted' },
    { value: 'Closed - Converted', label: 'Closed - Converted' },
    { value: 'Closed - Not Converted', label: 'Closed - Not Converted' },
  ],
};

/** The Lead fields that may hold a source: LeadSource and the org's custom ones (see sourceChoices). */
function sourceFields(fields: SalesforceField[]) {
  return sourceChoices(
    fields.map((f) => ({
      name: f.name,
      label: f.label || f.name,
      holds: f.type === 'picklist' ? 'one of a list' : f.type === 'string' ? 'text' : 'other',
      ownSource: f.name === 'LeadSource',
      custom: f.custom === true && f.name.endsWith('__c'),
      hidden: f.deprecatedAndHidden === true,
    })),
    ['LeadSource'],
  );
}

/**
 * The org's Lead statuses (the Status picklist's active values, custom ones included) and its source
 * fields, read from the Lead describe; `fields` is every Lead field, which a mapping's source must be.
 */
export async function salesforceOrgChoices(
  client: SalesforceClient,
): Promise<{ choices: MappingChoices; fields: Set<string> }> {
  const fields = await client.describe('Lead');
  const status = fields.find((f) => f.name === 'Status');
  const stages = (status?.picklistValues ?? [])
    .filter((v) => v.active && v.value)
    .map((v) => ({ value: v.value, label: v.label || v.value }));
  if (!stages.length) throw new Error('the Lead Status field lists no active value');
  const source = sourceFields(fields);
  return {
    choices: { source: source.length ? source : salesforceStandard.source, stages, from: 'account' },
    fields: new Set(fields.map((f) => f.name)),
  };
}
