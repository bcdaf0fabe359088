import { type LeadWrite, statusForStage } from '@salesready/db/import/lead-fields';
import { hubspotLifecycle } from '@salesready/db/import/presets';
import type { HubSpotObject, HubSpotOwner } from './client';

/** What a lead is read from; the lifecycle dates are when the contact entered each stage. */
export const contactProperties = [
  'createdate',
  'hs_analytics_source',
  'hs_analytics_source_data_1',
  'company',
  'country',
  'hubspot_owner_id',
  'lifecyclestage',
  'hs_lifecyclestage_marketingqualifiedlead_date',
  'hs_lifecyclestage_salesqualifiedlead_date',
  'hs_lifecyclestage_opportunity_date',
];

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

/** A contact as a lead, or why it cannot be one. */
export function contactToLead(
  contact: HubSpotObject,
  owners: Map<string, string>,
): { lead: LeadWrite } | { problem: string } {
  const p = contact.properties ?? {};
  const created = hubSpotDate(p.createdate ?? contact.createdAt);
  if (created === null || created === 'invalid') {
    return { problem: `createdate ${created === null ? 'is missing' : `"${p.createdate}" is not a date`}` };
  }
  const dates: [keyof LeadWrite, string][] = [
    ['mqlAt', 'hs_lifecyclestage_marketingqualifiedlead_date'],
    ['crmSalesReadyAt', 'hs_lifecyclestage_salesqualifiedlead_date'],
    ['opportunityAt', 'hs_lifecyclestage_opportunity_date'],
  ];
  const lead: Record<string, unknown> = {
    externalId: String(contact.id),
    createdAt: created,
    source: p.hs_analytics_source ? (originalSources[p.hs_analytics_source] ?? p.hs_analytics_source) : null,
    campaign: p.hs_analytics_source_data_1 || null,
    company: p.company || null,
    country: p.country || null,
    owner: p.hubspot_owner_id ? (owners.get(p.hubspot_owner_id) ?? `Owner ${p.hubspot_owner_id}`) : null,
  };
  for (const [field, property] of dates) {
    const value = hubSpotDate(p[property]);
    if (value === 'invalid') return { problem: `${property} "${p[property]}" is not a date` };
    lead[field] = value;
  }
  const stage = p.lifecyclestage ? hubspotLifecycle[p.lifecyclestage.toLowerCase()] : undefined;
  // A customer's won date and amount come from its deal; the lifecycle only says where it stands.
  if (stage && stage !== 'won') {
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
