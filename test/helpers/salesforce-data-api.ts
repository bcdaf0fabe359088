/**
 * The stand-in org's data endpoints, in the shapes Salesforce documents (the session is checked before):
 * - REST `GET /services/data/vXX.X/query?q=` and `/queryAll?q=` → `{ totalSize, done, nextRecordsUrl?,
 *   records: [{ attributes: { type, url }, …fields, Parent: { attributes, Field } | null }] }`; the
 *   next page `GET /services/data/vXX.X/query/{locator}-{n}` (REST API Developer Guide, "Query" and
 *   "Query More Results" resources). COUNT() answers `totalSize` and no records ("COUNT()" in the
 *   SOQL and SOSL Reference).
 * - Errors `[{ message, errorCode }]`: 403 REQUEST_LIMIT_EXCEEDED, 429 (REST API Developer Guide,
 *   "Status Codes and Error Responses").
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
 */

import { defined } from '@salesready/db/defined';
import { type Rec, type SalesforceOrg, select } from './salesforce-org';

type Send = (status: number, payload: unknown, headers?: Record<string, string>) => void;

const version = 'v62.0';

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

/** The org's query, Bulk and describe endpoints, with the query cursors and Bulk jobs they keep. */
export function dataEndpoints(org: SalesforceOrg) {
  const cursors = new Map<string, { type: string; fields: string[]; rows: Rec[] }>();
  const jobs = new Map<string, { soql: string; polls: number }>();

  /**
   * Answers a request with a live session; `seen` is its record, which a Bulk job's SOQL is written to
   * (it comes in the body, not the URL).
   */
  return async (method: string, url: URL, body: string, seen: { soql: string | null }, send: Send) => {
    const soql = url.searchParams.get('q');
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
    if (rest === '/sobjects/Lead/describe' && method === 'GET') {
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
      if (rest === '/jobs/query' && method === 'POST') {
        const job = JSON.parse(body) as { operation: string; query: string };
        seen.soql = job.query;
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
        return send(200, csvOf(slice, fields), {
          'content-type': 'text/csv',
          'sforce-locator': from + max < rows.length ? String(from + max) : 'null',
          'sforce-numberofrecords': String(slice.length),
        });
      }
    } catch (error) {
      const [code, message] = (error as Error).message.split(': ');
      return send(400, [{ message, errorCode: code }]);
    }
    return send(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  };
}
