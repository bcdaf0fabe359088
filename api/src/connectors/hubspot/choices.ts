import type { MappingChoice, MappingChoices } from '../mapping';
import { sourceChoices } from '../source-fields';
import type { HubSpotClient, HubSpotProperty } from './client';

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

const firstSources = hubSpotStandard.source.map((s) => s.value);

/**
 * The contact properties that may hold a source: HubSpot's own enumerations of its web analytics group
 * (Original Source, Latest Source) and the account's custom ones (see sourceChoices). A `checkbox`
 * enumeration is a multi-select: several values, no one source.
 */
function sourceProperties(properties: HubSpotProperty[]): MappingChoice[] {
  return sourceChoices(
    properties.map((p) => ({
      name: p.name,
      label: p.label || p.name,
      holds:
        p.type === 'enumeration' && p.fieldType !== 'checkbox'
          ? 'one of a list'
          : p.type === 'string' && (p.fieldType === 'text' || !p.fieldType)
            ? 'text'
            : 'other',
      ownSource:
        firstSources.includes(p.name) ||
        (p.hubspotDefined === true && p.groupName === 'analyticsinformation' && p.type === 'enumeration'),
      custom: p.hubspotDefined !== true,
      hidden: p.hidden === true,
    })),
    firstSources,
  );
}

/**
 * The account's lifecycle stages (custom ones included, hidden ones not) and its source properties.
 * Stages that cannot be read throw; source properties that cannot be read leave HubSpot's standard
 * two offered, with the reason, since the stages are what a mapping most needs.
 */
export async function hubSpotAccountChoices(
  client: HubSpotClient,
): Promise<{ choices: MappingChoices; fields: Set<string> | null }> {
  const [options, properties] = await Promise.all([
    client.lifecycleStages(),
    client.contactPropertyList().catch((error: Error) => error),
  ]);
  const stages = options.filter((o) => !o.hidden && o.value);
  if (!stages.length) throw new Error('HubSpot listed no lifecycle stage');
  const stageChoices = stages.map((o) => ({ value: o.value, label: o.label || o.value }));
  const sources = properties instanceof Error ? [] : sourceProperties(properties);
  if (properties instanceof Error || !sources.length) {
    const why = properties instanceof Error ? properties.message : 'HubSpot listed no source property';
    return {
      choices: {
        source: hubSpotStandard.source,
        stages: stageChoices,
        from: 'account',
        note: `HubSpot’s contact properties could not be read (${why}): the sources offered are the standard ones.`,
      },
      fields: null,
    };
  }
  return {
    choices: { source: sources, stages: stageChoices, from: 'account' },
    fields: new Set((properties as HubSpotProperty[]).map((p) => p.name)),
  };
}
