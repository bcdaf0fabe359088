/**
 * A small client for HubSpot's CRM API v3, as its reference documents it: objects are listed with
 * `GET /crm/v3/objects/{type}?limit&after&properties&associations&archived` and searched with
 * `POST /crm/v3/objects/{type}/search` (filterGroups, sorts, after); every page answers
 * `{ results: [{ id, properties, createdAt, updatedAt, archived, associations? }], paging?: { next: { after } } }`.
 * A private app's token goes in `Authorization: Bearer`. Rate limits answer 429 (a `Retry-After` header
 * when HubSpot sends one, and a `policyName` such as `DAILY` in the body).
 */

export const defaultHubSpotBase = 'https://api.hubapi.com';

export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived?: boolean;
  associations?: Record<string, { results: { id: string; type: string }[] }>;
}

export interface HubSpotPage {
  results: HubSpotObject[];
  /** The cursor of the next page, or null on the last. */
  after: string | null;
}

export interface HubSpotOwner {
  id: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
}

/** A contact property as the properties API describes it. */
export interface HubSpotProperty {
  name: string;
  label?: string;
  /** `enumeration`, `string`, `number`, `date`, `datetime`, `bool`, … */
  type?: string;
  /** How a form shows it: `select` and `radio` hold one value, `checkbox` several. */
  fieldType?: string;
  groupName?: string;
  hidden?: boolean;
  hubspotDefined?: boolean;
  options?: { value: string; label: string; hidden?: boolean }[];
}

/** HubSpot refused or failed in a way a retry now will not cure; `retryAt` says when to try again, if known. */
export class HubSpotError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly retryAt: Date | null = null,
  ) {
    super(message);
  }
}

export interface HubSpotClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** How long to wait before retry n (0-based) when HubSpot gives no Retry-After; tests make it short. */
  backoffMs?: (attempt: number) => number;
  maxRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function hubSpotClient(options: HubSpotClientOptions) {
  const base = (options.baseUrl ?? defaultHubSpotBase).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const backoff = options.backoffMs ?? ((attempt: number) => 1000 * 2 ** attempt);
  const maxRetries = options.maxRetries ?? 4;
  const sleep = options.sleep ?? wait;

  async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await doFetch(`${base}${path}`, {
          ...init,
          headers: {
            authorization: `Bearer ${options.token}`,
            accept: 'application/json',
            ...(init.body ? { 'content-type': 'application/json' } : {}),
          },
        });
      } catch (error) {
        if (attempt >= maxRetries) {
          throw new HubSpotError(`HubSpot could not be reached: ${(error as Error).message}`, 0);
        }
        await sleep(backoff(attempt));
        continue;
      }
      if (res.ok) return (await res.json()) as T;
      const body = (await res.json().catch(() => null)) as { message?: string; policyName?: string } | null;
      const said = body?.message ? `: ${body.message}` : '';
      if (res.status === 401 || res.status === 403) {
        throw new HubSpotError(
          `HubSpot refused the token (${res.status})${said}. Check the private app's token and its scopes (crm.objects.contacts.read, crm.objects.deals.read, crm.objects.owners.read)`,
          res.status,
        );
      }
      if (res.status === 429 && body?.policyName === 'DAILY') {
        // The day's allowance is spent: no retry helps before midnight (HubSpot counts in UTC here).
        const tomorrow = new Date();
        tomorrow.setUTCHours(24, 0, 0, 0);
        throw new HubSpotError(`HubSpot's daily API limit is reached${said}`, 429, tomorrow);
      }
      const retryable = res.status === 429 || res.status >= 500;
      if (!retryable || attempt >= maxRetries) {
        throw new HubSpotError(`HubSpot answered ${res.status} to ${path.split('?')[0]}${said}`, res.status);
      }
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff(attempt));
    }
  }

  const page = (body: {
    results?: HubSpotObject[];
    paging?: { next?: { after?: string } };
  }): HubSpotPage => ({
    results: Array.isArray(body.results) ? body.results : [],
    after: body.paging?.next?.after ?? null,
  });

  return {
    /** One page of an object type, oldest cursor first; `archived` lists the deleted ones. */
    async list(
      type: 'contacts' | 'deals',
      query: { properties: string[]; after?: string | null; associations?: string[]; archived?: boolean },
    ): Promise<HubSpotPage> {
      const params = new URLSearchParams({ limit: '100', properties: query.properties.join(',') });
      if (query.after) params.set('after', query.after);
      if (query.associations?.length) params.set('associations', query.associations.join(','));
      if (query.archived) params.set('archived', 'true');
      return page(await request(`/crm/v3/objects/${type}?${params}`));
    },
    /** One page of the records modified since an instant, in the order of their modification. */
    async modifiedSince(
      type: 'contacts' | 'deals',
      query: { properties: string[]; since: Date; after?: string | null },
    ): Promise<HubSpotPage> {
      const modified = type === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
      return page(
        await request(`/crm/v3/objects/${type}/search`, {
          method: 'POST',
          body: JSON.stringify({
            filterGroups: [
              {
                filters: [{ propertyName: modified, operator: 'GTE', value: String(query.since.getTime()) }],
              },
            ],
            sorts: [{ propertyName: modified, direction: 'ASCENDING' }],
            properties: query.properties,
            limit: 100,
            ...(query.after && { after: query.after }),
          }),
        }),
      );
    },
    /** The contacts a page of deals is associated with (the v4 associations batch read). */
    async dealContacts(dealIds: string[]): Promise<Map<string, string[]>> {
      if (dealIds.length === 0) return new Map();
      const body = await request<{
        results?: { from: { id: string }; to: { toObjectId: string | number }[] }[];
      }>('/crm/v4/associations/deals/contacts/batch/read', {
        method: 'POST',
        body: JSON.stringify({ inputs: dealIds.map((id) => ({ id })) }),
      });
      return new Map(
        (body.results ?? []).map((r) => [String(r.from.id), r.to.map((t) => String(t.toObjectId))]),
      );
    },
    /** The account's lifecycle stages (`GET /crm/v3/properties/contacts/lifecyclestage`), custom ones included. */
    async lifecycleStages(): Promise<{ value: string; label: string; hidden?: boolean }[]> {
      const body = await request<{ options?: { value: string; label: string; hidden?: boolean }[] }>(
        '/crm/v3/properties/contacts/lifecyclestage',
      );
      return Array.isArray(body.options) ? body.options : [];
    },
    /**
     * Every contact property (`GET /crm/v3/properties/contacts`, one unpaged list), custom ones
     * included: `hubspotDefined` is true for HubSpot's own and absent on an account's.
     */
    async contactPropertyList(): Promise<HubSpotProperty[]> {
      const body = await request<{ results?: HubSpotProperty[] }>('/crm/v3/properties/contacts');
      return Array.isArray(body.results) ? body.results : [];
    },
    /** Every owner (the people leads are assigned to), to show names rather than ids. */
    async owners(): Promise<HubSpotOwner[]> {
      const all: HubSpotOwner[] = [];
      let after: string | null = null;
      do {
        const params = new URLSearchParams({ limit: '100' });
        if (after) params.set('after', after);
        const body: { results?: HubSpotOwner[]; paging?: { next?: { after?: string } } } = await request(
          `/crm/v3/owners?${params}`,
        );
        all.push(...(body.results ?? []));
        after = body.paging?.next?.after ?? null;
      } while (after);
      return all;
    },
  };
}

export type HubSpotClient = ReturnType<typeof hubSpotClient>;
