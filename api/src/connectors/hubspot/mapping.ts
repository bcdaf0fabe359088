import { type LeadWrite, statusForStage } from '@salesready/db/import/lead-fields';
import { hubspotLifecycle } from '@salesready/db/import/presets';
import { type ConnectorMapping, defaultMappings, stageKeys, stageOf } from '../mapping';
import type { HubSpotObject, HubSpotOwner } from './client';

/**
 * When a contact entered a lifecycle stage: HubSpot's `hs_lifecyclestage_<stage>_date` for the standard
 * stages and `hs_v2_date_entered_<stage id>` for every stage, custom ones included.
 */
const enteredProperties = (stage: string) => [
  `hs_lifecyclestage_${stage}_date`,
  `hs_v2_date_entered_${stage}`,
];

/** What a lead is read from under a mapping: its source property and the dates of its mapped stages. */
export function contactProperties(mapping: ConnectorMapping = defaultMappings.hubspot): string[] {
  const stages = stageKeys.flatMap((key) => mapping.stages[key]);
  return [
    ...new Set([
      'createdate',
      mapping.source,
      'hs_analytics_source_data_1',
      'company',
      'country',
      'hubspot_owner_id',
      'lifecyclestage',
      ...stages.flatMap(enteredProperties),
    ]),
  ];
}

export const dealProperties = ['amount', 'closedate', 'createdate', 'dealstage', 'hs_is_closed_won'];

/**
 * Original Source (`hs_analytics_source`) as HubSpot's own screens and CSV exports name it, so leads
 * synced and leads imported from an export join the same sources.
 */
const originalSources: Record<string, string> = {
  ORGANIC_SEARCH: 'Organic Search',
  PAID_SEARCH: 'Paid Search',
  EMAIL_MARKETING: 'Email Marketing',
  SOCIAL_MEDIA: 'Organic Social',
  REFERRALS: 'Referrals',
  OTHER_CAMPAIGNS: 'Other Campaigns',
  DIRECT_TRAFFIC: 'Direct Traffic',
  OFFLINE: 'Offline Sources',
  PAID_SOCIAL: 'Paid Social',
  AI_REFERRALS: 'AI Referrals',
};

/** HubSpot writes datetimes as ISO strings, and some date properties as epoch milliseconds. */
export function hubSpotDate(value: string | null | undefined): Date | null | 'invalid' {
  if (value === null || value === undefined || value.trim() === '') return null;
  const date = /^\d+$/.test(value.trim()) ? new Date(Number(value)) : new Date(value);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

export function ownerNames(owners: HubSpotOwner[]): Map<string, string> {
  return new Map(
    owners.map((o) => {
      const name = [o.firstName, o.lastName].filter(Boolean).join(' ').trim();
      return [String(o.id), name || o.email || `Owner ${o.id}`];
    }),
  );
}

/** A contact as a lead under a mapping, or why it cannot be one. */
export function contactToLead(
  contact: HubSpotObject,
  owners: Map<string, string>,
  mapping: ConnectorMapping = defaultMappings.hubspot,
): { lead: LeadWrite } | { problem: string } {
  const p = contact.properties ?? {};
  const created = hubSpotDate(p.createdate ?? contact.createdAt);
  if (created === null || created === 'invalid') {
    return { problem: `createdate ${created === null ? 'is missing' : `"${p.createdate}" is not a date`}` };
  }
  const source = p[mapping.source];
  const lead: Record<string, unknown> = {
    externalId: String(contact.id),
    createdAt: created,
    source: source ? (originalSources[source] ?? source) : null,
    campaign: p.hs_analytics_source_data_1 || null,
    company: p.company || null,
    country: p.country || null,
    owner: p.hubspot_owner_id ? (owners.get(p.hubspot_owner_id) ?? `Owner ${p.hubspot_owner_id}`) : null,
  };
  const fields = { mql: 'mqlAt', salesReady: 'crmSalesReadyAt', opportunity: 'opportunityAt' } as const;
  // A stage several values count as was entered when the first of them was.
  for (const key of stageKeys) {
    let earliest: Date | null = null;
    for (const property of mapping.stages[key].flatMap(enteredProperties)) {
      const value = hubSpotDate(p[property]);
      if (value === 'invalid') return { problem: `${property} "${p[property]}" is not a date` };
      if (value && (!earliest || value < earliest)) earliest = value;
    }
    lead[fields[key]] = earliest;
  }
  const current = p.lifecyclestage?.trim();
  const mapped = stageOf(mapping, current);
  // A customer's won date and amount come from its deal; the lifecycle only says where it stands.
  // Any other stage the mapping does not count (a custom one, or one taken out of it) is a plain lead.
  const stage = mapped
    ? ({ mql: 'mql', salesReady: 'sales_ready', opportunity: 'opportunity' } as const)[mapped]
    : current && hubspotLifecycle[current.toLowerCase()] !== 'won'
      ? 'lead'
      : null;
  if (stage) {
    lead.stage = stage;
    lead.status = statusForStage(stage);
  }
  return { lead: lead as unknown as LeadWrite };
}

/** A closed-won deal's amount and close date, or null for a deal still open or lost. */
export function wonDeal(deal: HubSpotObject): { amount: number | null; wonAt: Date } | null {
  const p = deal.properties ?? {};
  const won = p.hs_is_closed_won === 'true' || p.dealstage === 'closedwon';
  if (!won) return null;
  const closed = hubSpotDate(p.closedate);
  if (closed === null || closed === 'invalid') return null;
  const amount = p.amount === null || p.amount === undefined || p.amount === '' ? null : Number(p.amount);
  return { amount: amount !== null && Number.isFinite(amount) ? amount : null, wonAt: closed };
}
