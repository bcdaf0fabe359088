import { type LeadWrite, statusForStage } from '@salesready/db/import/lead-fields';
import type { TouchWrite } from '@salesready/db/import/write-touches';
import { type ConnectorMapping, stageOf } from '../mapping';
import type { SalesforceRecord } from './client';

/** Leads from Salesforce are unique by (origin, Lead Id), the origin a Salesforce leads export imports with. */
export const salesforceOrigin = 'salesforce';

/** What a lead is credited from its opportunity, read through a lookup (`{lookup}.{field}`). */
const opportunityParts = ['Amount', 'StageName', 'IsWon', 'IsClosed', 'CloseDate', 'CreatedDate'];
/** The lead's converted opportunity, read through the ConvertedOpportunityId lookup. */
const opportunityFields = opportunityParts.map((f) => `ConvertedOpportunity.${f}`);

/** An opportunity's contact roles, read for the converted contacts of leads converted without one. */
export const contactRoleFields = [
  'Id',
  'ContactId',
  'OpportunityId',
  'IsPrimary',
  'Role',
  ...opportunityParts.map((f) => `Opportunity.${f}`),
];

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

/**
 * The opportunity a contact reached through its roles: the one it is the primary contact of, else the
 * earliest created (then the lowest id, so the choice does not depend on the order Salesforce answers).
 */
export function roleOpportunity(roles: SalesforceRecord[]): SalesforceRecord | null {
  const created = (r: SalesforceRecord) => {
    const date = salesforceDate(fieldOf(r, 'Opportunity.CreatedDate'));
    return date instanceof Date ? date.getTime() : Number.POSITIVE_INFINITY;
  };
  const ranked = roles
    .filter((r) => fieldOf(r, 'OpportunityId') !== null)
    .sort(
      (a, b) =>
        Number(truthy(fieldOf(b, 'IsPrimary'))) - Number(truthy(fieldOf(a, 'IsPrimary'))) ||
        created(a) - created(b) ||
        String(a.OpportunityId).localeCompare(String(b.OpportunityId)),
    );
  return ranked[0] ?? null;
}

/**
 * A lead record as a lead, or why it cannot be one. `history` is its Status changes, oldest first;
 * `role` the contact role through which a lead converted without an opportunity reached one.
 */
export function leadFromRecord(
  record: SalesforceRecord,
  history: StatusChange[],
  mapping: ConnectorMapping,
  role: SalesforceRecord | null = null,
): { lead: LeadWrite } | { problem: string } {
  const hasOpportunity = fieldOf(record, 'ConvertedOpportunityId') !== null;
  // The opportunity the lead is credited from: its converted one, else the one its contact's role names.
  const opportunity = hasOpportunity
    ? { from: record, lookup: 'ConvertedOpportunity' }
    : role
      ? { from: role, lookup: 'Opportunity' }
      : null;
  // Dates keyed by what they date: the lead's own, and `Opportunity.*` whichever lookup it came through.
  const dates = new Map<string, Date>();
  const datePaths: [SalesforceRecord, string, string][] = [
    [record, 'CreatedDate', 'CreatedDate'],
    [record, 'ConvertedDate', 'ConvertedDate'],
  ];
  if (opportunity) {
    for (const f of ['CloseDate', 'CreatedDate']) {
      datePaths.push([opportunity.from, `${opportunity.lookup}.${f}`, `Opportunity.${f}`]);
    }
  }
  for (const [from, path, key] of datePaths) {
    const value = salesforceDate(fieldOf(from, path));
    if (value === 'invalid') return { problem: `${path} "${text(from, path)}" is not a date` };
    if (value) dates.set(key, value);
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
  lead.opportunityAt =
    dates.get('Opportunity.CreatedDate') ??
    (converted ? dates.get('ConvertedDate') : undefined) ??
    entered('opportunity');
  if (converted || opportunity) stage = 'opportunity';
  if (opportunity) {
    const amountPath = `${opportunity.lookup}.Amount`;
    const rawAmount = fieldOf(opportunity.from, amountPath);
    const amount = rawAmount === null ? null : Number(rawAmount);
    if (amount !== null && !Number.isFinite(amount)) {
      return { problem: `${amountPath} "${String(rawAmount)}" is not a number` };
    }
    const closed = dates.get('Opportunity.CloseDate') ?? null;
    if (truthy(fieldOf(opportunity.from, `${opportunity.lookup}.IsWon`))) {
      if (!closed) return { problem: 'a won opportunity without a CloseDate' };
      stage = 'won';
      lead.wonAt = closed;
      lead.amount = amount;
    } else if (truthy(fieldOf(opportunity.from, `${opportunity.lookup}.IsClosed`))) {
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
