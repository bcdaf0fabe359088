/**
 * A Salesforce org's records as the local stand-in (salesforce-server.ts) holds them, and the SOQL it
 * understands: the connector's, `FROM <object>`, `SystemModstamp > <datetime>` (and
 * `OR <Lookup>.SystemModstamp > <datetime>`), `<Field> IN ('…')`, `IsDeleted = true`.
 */

import { defined } from '@salesready/db/defined';

export type Rec = Record<string, unknown> & { Id: string };

export interface SalesforceOrg {
  clientId: string;
  clientSecret: string;
  leads: Rec[];
  history: { LeadId: string; NewValue: string; CreatedDate: string }[];
  members: Rec[];
  /** Opportunity contact roles, each with its `Opportunity` (the parent lookup) nested. */
  roles: Rec[];
  /** Deleted leads, as queryAll lists them. */
  deleted: { Id: string; SystemModstamp: string }[];
  pageSize: number;
  /** The next queries answer 429 or 403 REQUEST_LIMIT_EXCEEDED this many times. */
  throttle: { status: 429 | 403; times: number };
  /** Authorization codes the browser "approved": code → PKCE challenge and redirect URI. */
  codes: Map<string, { challenge: string; redirectUri: string }>;
  /** How many looks at a Bulk job answer InProgress before JobComplete. */
  bulkPolls: number;
  /** The Lead Status picklist, as the describe lists it. */
  statuses: { value: string; label: string; active: boolean; defaultValue: boolean }[];
  /** Lead fields beyond the standard ones the describe lists (an org's custom fields). */
  customFields: { name: string; label: string; type: string }[];
  /** How long the Lead describe takes to answer (an org slower than a settings page waits). */
  describeDelayMs: number;
}

export function newOrg(partial: Partial<SalesforceOrg> = {}): SalesforceOrg {
  return {
    clientId: '3MVG9-consumer-key-0123456789',
    clientSecret: 'consumer-secret-0123456789',
    leads: [],
    history: [],
    members: [],
    roles: [],
    deleted: [],
    pageSize: 2000,
    throttle: { status: 429, times: 0 },
    codes: new Map(),
    bulkPolls: 1,
    statuses: [
      { value: 'Open - Not Contacted', label: 'Open - Not Contacted', active: true, defaultValue: true },
      { value: 'Working - Contacted', label: 'Working - Contacted', active: true, defaultValue: false },
      { value: 'Closed - Converted', label: 'Closed - Converted', active: true, defaultValue: false },
      { value: 'Closed - Not Converted', label: 'Closed - Not Converted', active: true, defaultValue: false },
    ],
    customFields: [],
    describeDelayMs: 0,
    ...partial,
  };
}

const sfDateTime = (iso: string) => iso.replace(/Z$/, '+0000');

/** The records a SOQL statement selects from the org (only the shapes the connector sends). */
export function select(
  org: SalesforceOrg,
  soql: string,
  all: boolean,
): { type: string; fields: string[]; rows: Rec[] } {
  const match = /^SELECT (.+?) FROM (\w+)(?: WHERE (.+?))?(?: ORDER BY .+)?$/.exec(soql);
  if (!match) throw new Error(`MALFORMED_QUERY: ${soql}`);
  const [, fieldList, type, where] = match as unknown as [string, string, string, string | undefined];
  const fields = fieldList.split(',').map((f) => f.trim());
  let rows: Rec[] =
    type === 'Lead'
      ? org.leads
      : type === 'CampaignMember'
        ? org.members
        : type === 'LeadHistory'
          ? org.history.map((h, i) => ({ Id: `017${i}`, Field: 'Status', ...h }))
          : type === 'OpportunityContactRole'
            ? org.roles
            : [];
  if (where && /IsDeleted = true/.test(where)) {
    if (!all) throw new Error('INVALID_FIELD: IsDeleted needs queryAll');
    rows = org.deleted.map((d) => ({ ...d, IsDeleted: true }));
  }
  const since = where ? /SystemModstamp > (\S+)/.exec(where)?.[1] : undefined;
  if (since) {
    const after = Date.parse(since);
    if (/\.\d{3}Z$/.test(since)) throw new Error(`MALFORMED_QUERY: ${since} is not a SOQL datetime`);
    // `OR <Lookup>.SystemModstamp > …`: the parent record's change counts too.
    const lookup = where ? /OR (\w+)\.SystemModstamp >/.exec(where)?.[1] : undefined;
    rows = rows.filter((r) => {
      const own = Date.parse(String(r.SystemModstamp).replace('+0000', 'Z')) > after;
      const parent = lookup && (r[lookup] as { SystemModstamp?: string } | null | undefined)?.SystemModstamp;
      return own || (parent ? Date.parse(parent.replace('+0000', 'Z')) > after : false);
    });
  }
  const inList = where ? /(\w+) IN \(([^)]*)\)/.exec(where) : null;
  if (inList) {
    const ids = new Set([...defined(inList[2]).matchAll(/'([^']+)'/g)].map((m) => m[1]));
    rows = rows.filter((r) => ids.has(String(r[defined(inList[1])])));
  }
  return { type, fields, rows };
}

/** A lead as REST stores it, with the connector's fields; `opportunity` is the converted one. */
export function lead(
  id: string,
  created: string,
  fields: Record<string, unknown> = {},
  opportunity: Record<string, unknown> | null = null,
): Rec {
  return {
    Id: id,
    CreatedDate: sfDateTime(created),
    SystemModstamp: sfDateTime(created),
    LeadSource: null,
    Company: null,
    Industry: null,
    Country: null,
    Owner: { Name: 'Ada Byron' },
    Status: 'Open - Not Contacted',
    IsConverted: opportunity !== null,
    ConvertedDate: null,
    ConvertedOpportunityId: opportunity ? (opportunity.Id as string) : null,
    ConvertedContactId: null,
    ConvertedOpportunity: opportunity,
    ...fields,
  };
}
