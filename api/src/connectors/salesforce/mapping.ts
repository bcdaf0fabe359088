import { type LeadWrite, statusForStage } from '@salesready/db/import/lead-fields';
import type { TouchWrite } from '@salesready/db/import/write-touches';
import { type ConnectorMapping, stageOf } from '../mapping';
import type { SalesforceRecord } from './client';

/** Leads from Salesforce are unique by (origin, Lead Id), the origin a Salesforce leads export imports with. */
export const salesforceOrigin = 'salesforce';

/** The lead's converted opportunity, read through the ConvertedOpportunityId lookup. */
const opportunityFields = ['Amount', 'StageName', 'IsWon', 'IsClosed', 'CloseDate', 'CreatedDate'].map(
  (f) => `ConvertedOpportunity.${f}`,
);

/** The Lead fields a sync reads; the source field is the mapping's (LeadSource by default). */
export function leadFields(mapping: ConnectorMapping): string[] {
  return [
    ...new Set([
      'Id',
      'CreatedDate',
      mapping.source,
      'Company',
      'Industry',
      'Country',
      'Owner.Name',
      'Status',
      'IsConverted',
      'ConvertedDate',
      'ConvertedOpportunityId',
      'ConvertedContactId',
      ...opportunityFields,
      'SystemModstamp',
    ]),
  ];
}

export const campaignMemberFields = [
  'Id',
  'LeadId',
  'ContactId',
  'CreatedDate',
  'FirstRespondedDate',
  'Campaign.Name',
  'Campaign.Type',
];

/** A field of a REST record (`{ Owner: { Name } }`) or of a Bulk CSV row (`Owner.Name`), empty as null. */
export function fieldOf(record: SalesforceRecord, path: string): unknown {
  if (path in record) return record[path] === '' ? null : record[path];
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value === '' || value === undefined ? null : value;
}

const text = (record: SalesforceRecord, path: string): string | null => {
  const value = fieldOf(record, path);
  return value === null ? null : String(value);
};

/**
 * Salesforce writes datetimes as `2025-10-01T09:00:00.000+0000` (REST) or `…Z` (Bulk CSV) and dates
 * as `2025-10-01`, taken as that day at UTC midnight, as an import does with UTC as its zone.
 */
export function salesforceDate(value: unknown): Date | null | 'invalid' {
  if (value === null || value === undefined || value === '') return null;
  const raw = String(value).trim();
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(raw)
    ? `${raw}T00:00:00Z`
    : raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? 'invalid' : date;
}

const truthy = (value: unknown) => value === true || String(value).toLowerCase() === 'true';

/** Lead statuses that close a lead without converting it (a new org's picklist and common variants). */
const disqualifying = new Set(['closed - not converted', 'unqualified', 'disqualified']);

export interface StatusChange {
  status: string;
  at: Date;
}

/** A lead record as a lead, or why it cannot be one. `history` is its Status changes, oldest first. */
export function leadFromRecord(
  record: SalesforceRecord,
  history: StatusChange[],
  mapping: ConnectorMapping,
): { lead: LeadWrite } | { problem: string } {
  const dates = new Map<string, Date>();
  for (const path of ['CreatedDate', 'ConvertedDate', ...opportunityFields.slice(4)]) {
    const value = salesforceDate(fieldOf(record, path));
    if (value === 'invalid') return { problem: `${path} "${text(record, path)}" is not a date` };
    if (value) dates.set(path, value);
  }
  const created = dates.get('CreatedDate');
  if (!created) return { problem: 'CreatedDate is missing' };

  // Each stage is dated by the first change into one of its statuses; a lead created in such a
  // status (no change recorded) is dated by its creation.
  const entered = (key: 'mql' | 'salesReady' | 'opportunity'): Date | null => {
    const change = history.find((h) => stageOf(mapping, h.status) === key);
    if (change) return change.at;
    return stageOf(mapping, text(record, 'Status')) === key ? created : null;
  };
  const lead: LeadWrite = {
    externalId: String(record.Id),
    createdAt: created,
    source: text(record, mapping.source),
    company: text(record, 'Company'),
    segment: text(record, 'Industry'),
    country: text(record, 'Country'),
    owner: text(record, 'Owner.Name'),
    mqlAt: entered('mql'),
    crmSalesReadyAt: entered('salesReady'),
    opportunityAt: null,
    wonAt: null,
    lostAt: null,
    amount: null,
  };

  const status = text(record, 'Status');
  const mapped = stageOf(mapping, status);
  let stage: string =
    mapped === 'salesReady'
      ? 'sales_ready'
      : (mapped ?? (status && disqualifying.has(status.toLowerCase()) ? 'disqualified' : 'lead'));

  const converted = truthy(fieldOf(record, 'IsConverted'));
  const hasOpportunity = fieldOf(record, 'ConvertedOpportunityId') !== null;
  lead.opportunityAt =
    (hasOpportunity ? dates.get('ConvertedOpportunity.CreatedDate') : undefined) ??
    (converted ? dates.get('ConvertedDate') : undefined) ??
    entered('opportunity');
  if (converted) stage = 'opportunity';
  if (hasOpportunity) {
    const rawAmount = fieldOf(record, 'ConvertedOpportunity.Amount');
    const amount = rawAmount === null ? null : Number(rawAmount);
    if (amount !== null && !Number.isFinite(amount)) {
      return { problem: `ConvertedOpportunity.Amount "${String(rawAmount)}" is not a number` };
    }
    const closed = dates.get('ConvertedOpportunity.CloseDate') ?? null;
    if (truthy(fieldOf(record, 'ConvertedOpportunity.IsWon'))) {
      if (!closed) return { problem: 'a won opportunity without a CloseDate' };
      stage = 'won';
      lead.wonAt = closed;
      lead.amount = amount;
    } else if (truthy(fieldOf(record, 'ConvertedOpportunity.IsClosed'))) {
      stage = 'lost';
      lead.lostAt = closed;
    }
  }
  lead.stage = stage;
  lead.status = statusForStage(stage);
  return { lead };
}

/** A campaign member as a marketing touch of its lead (or of the lead converted into its contact). */
export function touchFromMember(
  record: SalesforceRecord,
  leadOfContact: Map<string, string>,
): { touch: TouchWrite } | { problem: string } | { skip: true } {
  const leadId = text(record, 'LeadId') ?? leadOfContact.get(text(record, 'ContactId') ?? '') ?? null;
  // A contact that never was a lead (entered as a contact) is no lead here: nothing to touch, nothing wrong.
  if (!leadId) return { skip: true };
  const at = salesforceDate(fieldOf(record, 'FirstRespondedDate') ?? fieldOf(record, 'CreatedDate'));
  if (at === null || at === 'invalid') return { problem: 'CreatedDate is missing or not a date' };
  return {
    touch: {
      externalId: String(record.Id),
      leadExternalId: leadId,
      occurredAt: at,
      kind: 'campaign',
      channel: text(record, 'Campaign.Type') ?? text(record, 'Campaign.Name'),
      actor: 'marketing',
      originSystem: salesforceOrigin,
    },
  };
}
