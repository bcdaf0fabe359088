/**
 * A local stand-in for a Salesforce org, answering in the shapes Salesforce documents:
 * - OAuth token endpoint `POST /services/oauth2/token` (form body; grants client_credentials,
 *   authorization_code with PKCE, refresh_token) → `{ access_token, instance_url, id, token_type,
 *   issued_at, signature, refresh_token? }`, refusals 400 `{ error, error_description }`:
 *   help.salesforce.com "OAuth 2.0 Client Credentials Flow for Server-to-Server Integration" and
 *   "OAuth 2.0 Web Server Flow for Web App Integration", and jsforce's `TokenResponse` type;
 *   `POST /services/oauth2/revoke` (form `token=`) → 200, or 400 `invalid_token` ("Revoke OAuth Tokens").
 * - REST `GET /services/data/vXX.X/query?q=` and `/queryAll?q=` → `{ totalSize, done, nextRecordsUrl?,
 *   records: [{ attributes: { type, url }, …fields, Parent: { attributes, Field } | null }] }`; the
 *   next page `GET /services/data/vXX.X/query/{locator}-{n}` (REST API Developer Guide, "Query" and
 *   "Query More Results" resources). COUNT() answers `totalSize` and no records ("COUNT()" in the
 *   SOQL and SOSL Reference).
 * - Errors `[{ message, errorCode }]`: 401 INVALID_SESSION_ID, 403 REQUEST_LIMIT_EXCEEDED, 429
 *   (REST API Developer Guide, "Status Codes and Error Responses").
 * - Bulk API 2.0 query: `POST /jobs/query` → `{ id, operation, object, state: "UploadComplete", … }`,
 *   `GET /jobs/query/{id}` → `{ state: "InProgress" | "JobComplete" | … }`, `GET /jobs/query/{id}/results
 *   ?locator=&maxRecords=` → CSV (parent fields as `Owner.Name` columns, empty for null) with the
 *   `Sforce-Locator` and `Sforce-NumberOfRecords` headers, the locator `null` on the last set (Bulk
 *   API 2.0 Developer Guide, "Create a Query Job", "Get Information About a Query Job", "Get Results
 *   for a Query Job").
 * - `GET /services/data/vXX.X/sobjects/Lead/describe` → `{ name, label, custom, fields: [{ name, label, type,
 *   custom, nillable, deprecatedAndHidden, picklistValues: [{ active, defaultValue, label, validFor, value }],
 *   … }], … }` (REST API Developer Guide, "sObject Describe"; the field and picklist entry shapes are the
 *   SOAP API's DescribeFieldResult and PicklistEntry).
 * The SOQL it understands is the connector's: `FROM <object>`, `SystemModstamp > <datetime>` (and
 * `OR <Lookup>.SystemModstamp > <datetime>`), `<Field> IN ('…')`, `IsDeleted = true`.
 */

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export interface Seen {
  method: string;
  path: string;
  /** The SOQL of a query, when the request was one. */
  soql: string | null;
  form: Record<string, string> | null;
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

const version = 'v62.0';
const sfDateTime = (iso: string) => iso.replace(/Z$/, '+0000');

/** A record as REST answers it: `attributes`, parent lookups nested (null when empty). */
function restShape(type: string, record: Rec, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type, url: `/services/data/${version}/sobjects/${type}/${record.Id}` },
  };
  for (const field of fields) {
    const [head, tail] = field.split('.') as [string, string | undefined];
    if (!tail) {
      out[head] = record[head] ?? null;
      continue;
    }
    const parent = record[head] as Record<string, unknown> | null | undefined;
    if (!parent) out[head] = null;
    else {
      const nested = (out[head] as Record<string, unknown> | undefined) ?? { attributes: { type: head } };
      nested[tail] = parent[tail] ?? null;
      out[head] = nested;
    }
  }
  return out;
}

const csvCell = (value: unknown) => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Bulk's CSV: a column per field (parent fields dotted), datetimes with Z, empty for null. */
function csvOf(records: Rec[], fields: string[]): string {
  const lines = [fields.map(csvCell).join(',')];
  for (const record of records) {
    lines.push(
      fields
        .map((field) => {
          const [head, tail] = field.split('.') as [string, string | undefined];
          const value = tail ? (record[head] as Record<string, unknown> | null)?.[tail] : record[head];
          return csvCell(typeof value === 'string' ? value.replace(/\+0000$/, 'Z') : value);
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A DescribeFieldResult, with the attributes the describe always sends (most left at their defaults). */
function describedField(
  name: string,
  label: string,
  type: string,
  custom: boolean,
  picklistValues: SalesforceOrg['statuses'] = [],
) {
  return {
    aggregatable: true,
    autoNumber: false,
    byteLength: type === 'id' ? 18 : 765,
    calculated: false,
    createable: type !== 'id',
    custom,
    defaultValue: null,
    deprecatedAndHidden: false,
    filterable: true,
    label,
    length: type === 'id' ? 18 : 255,
    name,
    nillable: name !== 'Id' && name !== 'Status',
    picklistValues: picklistValues.map((v) => ({ ...v, validFor: null })),
    referenceTo: [],
    relationshipName: null,
    soapType: type === 'id' ? 'tns:ID' : 'xsd:string',
    type,
    updateable: type !== 'id',
  };
}

/** The Lead describe: the standard fields the connector reads, the Status picklist, the org's custom fields. */
function leadDescribe(org: SalesforceOrg) {
  const sources = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
  return {
    activateable: false,
    createable: true,
    custom: false,
    customSetting: false,
    keyPrefix: '00Q',
    label: 'Lead',
    labelPlural: 'Leads',
    name: 'Lead',
    queryable: true,
    fields: [
      describedField('Id', 'Lead ID', 'id', false),
      describedField('Company', 'Company', 'string', false),
      describedField('Industry', 'Industry', 'picklist', false),
      describedField('Country', 'Country', 'string', false),
      describedField(
        'LeadSource',
        'Lead Source',
        'picklist',
        false,
        sources.map((value) => ({ value, label: value, active: true, defaultValue: false })),
      ),
      describedField('Status', 'Status', 'picklist', false, org.statuses),
      describedField('Description', 'Description', 'textarea', false),
      ...org.customFields.map((f) => describedField(f.name, f.label, f.type, true)),
    ],
    urls: { describe: `/services/data/${version}/sobjects/Lead/describe` },
  };
}

/** The records a SOQL statement selects from the org (only the shapes the connector sends). */
function select(
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

export async function startSalesforceServer(org: SalesforceOrg) {
  const seen: Seen[] = [];
  const tokens = new Map<string, 'live' | 'expired'>();
  const refreshTokens = new Set<string>();
  const cursors = new Map<string, { type: string; fields: string[]; rows: Rec[] }>();
  const jobs = new Map<string, { soql: string; polls: number }>();
  let issued = 0;
  let server: Server;

  const readBody = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    return text;
  };

  server = createServer(async (req, res) => {
    const url = new URL(defined(req.url), 'http://localhost');
    const body = await readBody(req);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
      res.end(text);
    };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    if (url.pathname === '/services/oauth2/token' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(body));
      seen.push({ method: 'POST', path: url.pathname, soql: null, form });
      const refuse = (description: string) =>
        send(400, { error: 'invalid_grant', error_description: description });
      if (form.client_id !== org.clientId || form.client_secret !== org.clientSecret) {
        return send(400, { error: 'invalid_client', error_description: 'invalid client credentials' });
      }
      let refresh: string | undefined;
      if (form.grant_type === 'refresh_token') {
        if (!refreshTokens.has(form.refresh_token ?? '')) return refuse('expired access/refresh token');
      } else if (form.grant_type === 'authorization_code') {
        const approved = org.codes.get(form.code ?? '');
        org.codes.delete(form.code ?? '');
        const challenge = createHash('sha256')
          .update(form.code_verifier ?? '')
          .digest('base64url');
        if (!approved || approved.redirectUri !== form.redirect_uri)
          return refuse('invalid authorization code');
        if (approved.challenge !== challenge) return refuse('invalid code verifier');
        refresh = `5Aep-refresh-${++issued}`;
        refreshTokens.add(refresh);
      } else if (form.grant_type !== 'client_credentials') {
        return send(400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
      }
      const access = `00D000000000001!token-${++issued}`;
      tokens.set(access, 'live');
      return send(200, {
        access_token: access,
        ...(refresh && { refresh_token: refresh }),
        signature: 'c2lnbmF0dXJl',
        scope: 'api refresh_token',
        instance_url: base,
        id: `${base}/id/00D000000000001EAA/005000000000001AAA`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      });
    }

    if (url.pathname === '/services/oauth2/revoke' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(body));
      seen.push({ method: 'POST', path: url.pathname, soql: null, form: { ...form, grant_type: 'revoke' } });
      const token = form.token ?? '';
      if (!refreshTokens.delete(token) && !tokens.delete(token)) {
        return send(400, { error: 'invalid_token', error_description: 'invalid token' });
      }
      return send(200, {});
    }
    const soql = url.searchParams.get('q');
    seen.push({ method: defined(req.method), path: `${url.pathname}${url.search}`, soql, form: null });
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (tokens.get(bearer) !== 'live') {
      return send(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    if (!url.pathname.startsWith(`/services/data/${version}/`)) {
      return send(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    }
    const rest = url.pathname.slice(`/services/data/${version}`.length);
    if ((rest === '/query' || rest === '/queryAll' || rest.startsWith('/query/')) && org.throttle.times > 0) {
      org.throttle.times--;
      return org.throttle.status === 429
        ? send(429, [{ message: 'Too many requests', errorCode: 'REQUEST_LIMIT_EXCEEDED' }])
        : send(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    }
    if (rest === '/sobjects/Lead/describe' && req.method === 'GET') {
      if (org.describeDelayMs) await new Promise((resolve) => setTimeout(resolve, org.describeDelayMs));
      return send(200, leadDescribe(org));
    }
    const pageOf = (key: string, from: number) => {
      const cursor = defined(cursors.get(key));
      const records = cursor.rows
        .slice(from, from + org.pageSize)
        .map((r) => restShape(cursor.type, r, cursor.fields));
      const done = from + org.pageSize >= cursor.rows.length;
      return {
        totalSize: cursor.rows.length,
        done,
        ...(!done && { nextRecordsUrl: `/services/data/${version}/query/${key}-${from + org.pageSize}` }),
        records,
      };
    };
    try {
      if ((rest === '/query' || rest === '/queryAll') && soql) {
        if (/^SELECT COUNT\(\) FROM Lead$/.test(soql))
          return send(200, { totalSize: org.leads.length, done: true, records: [] });
        const key = `01g${String(cursors.size).padStart(12, '0')}`;
        cursors.set(key, select(org, soql, rest === '/queryAll'));
        return send(200, pageOf(key, 0));
      }
      const more = /^\/query\/(01g\d+)-(\d+)$/.exec(rest);
      if (more && cursors.has(defined(more[1]))) return send(200, pageOf(defined(more[1]), Number(more[2])));
      if (rest === '/jobs/query' && req.method === 'POST') {
        const job = JSON.parse(body) as { operation: string; query: string };
        defined(seen.at(-1)).soql = job.query;
        select(org, job.query, false);
        const id = `750${String(jobs.size).padStart(15, '0')}`;
        jobs.set(id, { soql: job.query, polls: 0 });
        return send(200, {
          id,
          operation: job.operation,
          object: 'Lead',
          createdById: '005000000000001AAA',
          createdDate: '2026-01-02T17:38:59.000+0000',
          systemModstamp: '2026-01-02T17:38:59.000+0000',
          state: 'UploadComplete',
          concurrencyMode: 'Parallel',
          contentType: 'CSV',
          apiVersion: 62.0,
          lineEnding: 'LF',
          columnDelimiter: 'COMMA',
        });
      }
      const jobPath = /^\/jobs\/query\/(750\d+)(\/results)?$/.exec(rest);
      const job = jobPath ? jobs.get(defined(jobPath[1])) : undefined;
      if (jobPath && job && !jobPath[2]) {
        job.polls++;
        return send(200, {
          id: jobPath[1],
          operation: 'query',
          object: 'Lead',
          state: job.polls > org.bulkPolls ? 'JobComplete' : 'InProgress',
          numberRecordsProcessed: job.polls > org.bulkPolls ? org.leads.length : 0,
        });
      }
      if (jobPath && job && jobPath[2]) {
        if (job.polls <= org.bulkPolls)
          return send(400, [{ errorCode: 'INVALIDJOBSTATE', message: 'job not complete' }]);
        const { fields, rows } = select(org, job.soql, false);
        const from = Number(url.searchParams.get('locator') ?? '0');
        const max = Number(url.searchParams.get('maxRecords') ?? '50000');
        const slice = rows.slice(from, from + max);
        res.writeHead(200, {
          'content-type': 'text/csv',
          'sforce-locator': from + max < rows.length ? String(from + max) : 'null',
          'sforce-numberofrecords': String(slice.length),
        });
        return res.end(csvOf(slice, fields));
      }
    } catch (error) {
      const [code, message] = (error as Error).message.split(': ');
      return send(400, [{ message, errorCode: code }]);
    }
    send(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });
  // Idle connections stay open through a slow test: fetch reusing one the server just closed would
  // fail with ECONNRESET (retried by the client, but it would blur what a test counts).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    /** Every access token issued so far stops working (sessions time out). */
    expireSessions: () => {
      for (const token of tokens.keys()) tokens.set(token, 'expired');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
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
