/**
 * A small client for Salesforce's REST API as its developer guides document it. SOQL runs with
 * `GET /services/data/vXX.X/query?q=` (`queryAll` also returns deleted rows) and answers
 * `{ totalSize, done, nextRecordsUrl?, records: [{ attributes: { type, url }, …fields }] }`; the next
 * page is `GET {nextRecordsUrl}`. Errors answer `[{ message, errorCode }]`: 401 `INVALID_SESSION_ID`
 * when the access token expired, 403 `REQUEST_LIMIT_EXCEEDED` or 429 when over a limit. Bulk API 2.0
 * queries: `POST /jobs/query` → `{ id, state }`, `GET /jobs/query/{id}` until `JobComplete`, then
 * `GET /jobs/query/{id}/results?locator=&maxRecords=` answers CSV with the next `Sforce-Locator`
 * header (the string `null` on the last set).
 */
import { reason, requestToken, type SalesforceTokens } from './oauth';

export const salesforceApiVersion = 'v62.0';

export interface SalesforceRecord {
  attributes?: { type: string; url?: string };
  [field: string]: unknown;
}

export interface SalesforcePage {
  records: SalesforceRecord[];
  totalSize: number;
  /** The next page's path, or null on the last. */
  next: string | null;
}

/** A field of an sObject describe (its DescribeFieldResult), reduced to what the connector reads. */
export interface SalesforceField {
  name: string;
  label?: string;
  /** `picklist`, `multipicklist`, `string`, `reference`, `datetime`, … */
  type?: string;
  custom?: boolean;
  deprecatedAndHidden?: boolean;
  picklistValues?: { value: string; label: string | null; active: boolean; defaultValue: boolean }[];
}

export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

/** Salesforce refused or failed in a way a retry now will not cure; `retryAt` says when to try again, if known. */
export class SalesforceError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode: string | null = null,
    readonly retryAt: Date | null = null,
  ) {
    super(message);
  }
}

export interface SalesforceCredentials {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  flow: 'client_credentials' | 'web_server';
  refreshToken: string | null;
  accessToken: string | null;
  instanceUrl: string | null;
}

export interface SalesforceClientOptions {
  credentials: SalesforceCredentials;
  /** Called when a new access token was obtained, so it can be kept (sealed) for the next slice. */
  onTokens?: (credentials: SalesforceCredentials) => Promise<void> | void;
  fetch?: typeof fetch;
  backoffMs?: (attempt: number) => number;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
type ErrorBody = { message?: string; errorCode?: string }[] | null;

export function salesforceClient(options: SalesforceClientOptions) {
  const credentials = { ...options.credentials };
  const doFetch = options.fetch ?? fetch;
  const backoff = options.backoffMs ?? ((attempt: number) => 2000 * 2 ** attempt);
  const maxRetries = options.maxRetries ?? 4;
  const sleep = options.sleep ?? wait;
  const data = `/services/data/${salesforceApiVersion}`;

  /** A fresh access token: client credentials ask again, the web-server flow spends its refresh token. */
  async function renew(): Promise<void> {
    const grant: Parameters<typeof requestToken>[1] =
      credentials.flow === 'web_server'
        ? { grant: 'refresh_token', refreshToken: credentials.refreshToken ?? '' }
        : { grant: 'client_credentials' };
    if (grant.grant === 'refresh_token' && !grant.refreshToken) {
      throw new SalesforceError('The connector holds no refresh token: authorize it again', 401);
    }
    const tokens: SalesforceTokens = await requestToken({ ...credentials, fetch: doFetch }, grant);
    credentials.accessToken = tokens.accessToken;
    credentials.instanceUrl = tokens.instanceUrl;
    // Salesforce may rotate the refresh token; keep the one it sends, else the one we had.
    if (tokens.refreshToken) credentials.refreshToken = tokens.refreshToken;
    await options.onTokens?.({ ...credentials });
  }

  async function request(
    path: string,
    init: RequestInit & { accept?: string } = {},
  ): Promise<{ res: Response; text: string }> {
    if (!credentials.accessToken || !credentials.instanceUrl) await renew();
    let renewed = false;
    for (let attempt = 0; ; ) {
      let res: Response;
      try {
        res = await doFetch(`${credentials.instanceUrl}${path}`, {
          method: init.method,
          body: init.body,
          headers: {
            authorization: `Bearer ${credentials.accessToken}`,
            accept: init.accept ?? 'application/json',
            ...(init.body ? { 'content-type': 'application/json' } : {}),
          },
        });
      } catch (error) {
        if (attempt >= maxRetries) {
          throw new SalesforceError(`Salesforce could not be reached: ${reason(error)}`, 0);
        }
        await sleep(backoff(attempt++));
        continue;
      }
      const text = await res.text();
      if (res.ok) return { res, text };
      let body: ErrorBody = null;
      try {
        body = JSON.parse(text) as ErrorBody;
      } catch {}
      const first = Array.isArray(body) ? body[0] : undefined;
      const code = first?.errorCode ?? null;
      const said = first?.message ? `: ${code ? `${code} ` : ''}${first.message}` : '';
      // An expired session is renewed once and the request asked again.
      if (res.status === 401 && !renewed) {
        renewed = true;
        await renew();
        continue;
      }
      if (res.status === 401 || (res.status === 403 && code !== 'REQUEST_LIMIT_EXCEEDED')) {
        throw new SalesforceError(
          `Salesforce refused the connection (${res.status})${said}. Check the connected app's access (API enabled, the run-as user's permissions)`,
          res.status,
          code,
        );
      }
      const limited = res.status === 429 || code === 'REQUEST_LIMIT_EXCEEDED';
      if (!(limited || res.status >= 500) || attempt >= maxRetries) {
        throw new SalesforceError(
          `Salesforce answered ${res.status} to ${path.split('?')[0]}${said}`,
          res.status,
          code,
          // Over the org's allowance after every retry: the hourly sync tries again.
          limited ? new Date(Date.now() + 60 * 60 * 1000) : null,
        );
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff(attempt));
      attempt++;
    }
  }

  const json = async <T>(path: string, init?: RequestInit): Promise<T> =>
    JSON.parse((await request(path, init)).text) as T;

  const page = (body: {
    records?: SalesforceRecord[];
    totalSize?: number;
    done?: boolean;
    nextRecordsUrl?: string;
  }): SalesforcePage => ({
    records: Array.isArray(body.records) ? body.records : [],
    totalSize: Number(body.totalSize ?? 0),
    next: body.done === false && body.nextRecordsUrl ? body.nextRecordsUrl : null,
  });

  return {
    credentials: () => ({ ...credentials }),
    /** The first page of a SOQL query; `all` includes deleted and archived rows (queryAll). */
    async query(soql: string, all = false): Promise<SalesforcePage> {
      return page(await json(`${data}/${all ? 'queryAll' : 'query'}?q=${encodeURIComponent(soql)}`));
    },
    /** The page a previous one pointed to (its `nextRecordsUrl`). */
    async queryMore(next: string): Promise<SalesforcePage> {
      if (!next.startsWith('/services/data/')) {
        throw new SalesforceError(`not a query locator: ${next.slice(0, 80)}`, 0);
      }
      return page(await json(next));
    },
    /** Every record of a (small) query, following its pages. */
    async queryEvery(soql: string): Promise<SalesforceRecord[]> {
      let current = await this.query(soql);
      const records = [...current.records];
      while (current.next) {
        current = await this.queryMore(current.next);
        records.push(...current.records);
      }
      return records;
    },
    /** An object's fields as `GET /sobjects/{object}/describe` lists them (picklist values included). */
    async describe(object: string): Promise<SalesforceField[]> {
      const body = await json<{ fields?: SalesforceField[] }>(
        `${data}/sobjects/${encodeURIComponent(object)}/describe`,
      );
      return Array.isArray(body.fields) ? body.fields : [];
    },
    async createQueryJob(soql: string): Promise<string> {
      const body = await json<{ id: string }>(`${data}/jobs/query`, {
        method: 'POST',
        body: JSON.stringify({ operation: 'query', query: soql }),
      });
      return body.id;
    },
    async queryJob(id: string): Promise<{ state: BulkJobState; errorMessage: string | null }> {
      const body = await json<{ state: BulkJobState; errorMessage?: string }>(
        `${data}/jobs/query/${encodeURIComponent(id)}`,
      );
      return { state: body.state, errorMessage: body.errorMessage ?? null };
    },
    /** One set of a finished job's results, as CSV, and the locator of the next set (null on the last). */
    async queryJobResults(
      id: string,
      locator: string | null,
      maxRecords: number,
    ): Promise<{ csv: string; locator: string | null }> {
      const params = new URLSearchParams({ maxRecords: String(maxRecords) });
      if (locator) params.set('locator', locator);
      const { res, text } = await request(`${data}/jobs/query/${encodeURIComponent(id)}/results?${params}`, {
        accept: 'text/csv',
      });
      const next = res.headers.get('sforce-locator');
      return { csv: text, locator: next && next !== 'null' ? next : null };
    },
  };
}

export type SalesforceClient = ReturnType<typeof salesforceClient>;
