import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@salesready/api/app';
import type { DbHandle } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// A local stand-in for HubSpot in the shapes of its CRM API v3 reference: object pages answer only the
// properties asked for (as HubSpot does), the lifecycle stage property
// `GET /crm/v3/properties/contacts/lifecyclestage` lists its options, a custom stage among them, and
// `GET /crm/v3/properties/contacts` every contact property (`{ results: [property] }`, CRM API
// "Properties": HubSpot's own marked `hubspotDefined`, the account's custom ones not).
const token = 'pat-na1-mapping-0123456789';
const cronSecret = 'connectors-mapping-cron-0123456789';
const contacts = [
  {
    id: '501',
    properties: {
      createdate: '2025-10-01T09:00:00.000Z',
      hs_analytics_source: 'PAID_SEARCH',
      hs_latest_source: 'EMAIL_MARKETING',
      lifecyclestage: 'marketingqualifiedlead',
      hs_lifecyclestage_marketingqualifiedlead_date: '2025-10-02T09:00:00.000Z',
      hs_v2_date_entered_marketingqualifiedlead: '2025-10-02T09:00:00.000Z',
    },
  },
  {
    id: '502',
    properties: {
      createdate: '2025-10-03T09:00:00.000Z',
      hs_analytics_source: 'ORGANIC_SEARCH',
      hs_latest_source: 'ORGANIC_SEARCH',
      lifecyclestage: '1234567',
      hs_lifecyclestage_marketingqualifiedlead_date: '2025-10-04T09:00:00.000Z',
      hs_v2_date_entered_1234567: '2025-10-09T09:00:00.000Z',
    },
  },
];
const lifecycleStage = {
  name: 'lifecyclestage',
  label: 'Lifecycle Stage',
  type: 'enumeration',
  fieldType: 'radio',
  groupName: 'contactinformation',
  options: [
    { label: 'Subscriber', value: 'subscriber', displayOrder: 0, hidden: false },
    { label: 'Lead', value: 'lead', displayOrder: 1, hidden: false },
    { label: 'Marketing Qualified Lead', value: 'marketingqualifiedlead', displayOrder: 2, hidden: false },
    { label: 'Demo booked', value: '1234567', displayOrder: 3, hidden: false },
    { label: 'Sales Qualified Lead', value: 'salesqualifiedlead', displayOrder: 4, hidden: false },
    { label: 'Opportunity', value: 'opportunity', displayOrder: 5, hidden: false },
    { label: 'Customer', value: 'customer', displayOrder: 6, hidden: false },
    { label: 'Retired', value: 'retired', displayOrder: 7, hidden: true },
  ],
};

const property = (
  name: string,
  label: string,
  type: string,
  fieldType: string,
  groupName: string,
  more: { hubspotDefined?: true; hidden?: boolean } = {},
) => ({
  updatedAt: '2025-06-01T09:00:00.000Z',
  createdAt: '2020-01-01T00:00:00.000Z',
  name,
  label,
  type,
  fieldType,
  description: '',
  groupName,
  options: [],
  displayOrder: -1,
  calculated: false,
  externalOptions: false,
  hasUniqueValue: false,
  hidden: more.hidden ?? false,
  ...(more.hubspotDefined && { hubspotDefined: true }),
  modificationMetadata: {
    archivable: !more.hubspotDefined,
    readOnlyDefinition: !!more.hubspotDefined,
    readOnlyValue: false,
  },
  formField: !more.hubspotDefined,
  dataSensitivity: 'non_sensitive',
});
const own = { hubspotDefined: true } as const;
const contactProperties = {
  results: [
    property('firstname', 'First Name', 'string', 'text', 'contactinformation', own),
    property(
      'hs_analytics_source_data_1',
      'Original Source Drill-Down 1',
      'string',
      'text',
      'analyticsinformation',
      own,
    ),
    property('hs_latest_source', 'Latest Source', 'enumeration', 'select', 'analyticsinformation', own),
    property('hs_analytics_source', 'Original Source', 'enumeration', 'select', 'analyticsinformation', own),
    property('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', 'contactinformation', own),
    property('lead_channel', 'Lead channel', 'enumeration', 'select', 'contactinformation'),
    property('utm_source', 'UTM source', 'string', 'text', 'contactinformation'),
    property('interests', 'Interests', 'enumeration', 'checkbox', 'contactinformation'),
    property('legacy_source', 'Legacy source', 'enumeration', 'select', 'contactinformation', {
      hidden: true,
    }),
    property('favourite_colour', 'Favourite colour', 'string', 'text', 'contactinformation'),
  ],
};

describeOnBackend(
  'connectors: the mapping an admin reviews and changes, and the sync that follows it',
  () => {
    let handle: DbHandle;
    let app: ReturnType<typeof createApp>;
    let server: Server;
    let admin: string;
    let executive: string;
    let propertiesDown = false;
    let propertyListDown = false;
    const asked: string[][] = [];

    const call = async (method: string, path: string, body?: unknown, cookie = admin) => {
      const res = await app.request(path, {
        method,
        headers: {
          cookie,
          origin: 'http://localhost',
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    };
    const tick = () =>
      app.request('/api/jobs/tick', { method: 'POST', headers: { authorization: `Bearer ${cronSecret}` } });
    const signIn = async (email: string) => {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'a long test password' }),
      });
      return defined(defined(res.headers.get('set-cookie')).split(';')[0]);
    };
    const lead = async (externalId: string) => {
      const [row] = await selectRows<{
        source: string | null;
        stage: string | null;
        mqlAt: Date | string | null;
        crmSalesReadyAt: Date | string | null;
      }>(
        handle.db,
        sql`select s.name as source, l.stage, l.mql_at as "mqlAt", l.crm_sales_ready_at as "crmSalesReadyAt"
          from leads l left join sources s on s.id = l.source_id
          where l.origin_system = 'hubspot' and l.external_id = ${externalId}`,
      );
      const found = defined(row);
      return {
        ...found,
        mqlAt: found.mqlAt && new Date(found.mqlAt).toISOString(),
        crmSalesReadyAt: found.crmSalesReadyAt && new Date(found.crmSalesReadyAt).toISOString(),
      };
    };

    beforeAll(async () => {
      server = createServer((req, res) => {
        const url = new URL(defined(req.url), 'http://localhost');
        const send = (status: number, json: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(json));
        };
        if (req.headers.authorization !== `Bearer ${token}`) {
          return send(401, { status: 'error', message: 'Authentication credentials not found.' });
        }
        if (url.pathname === '/crm/v3/properties/contacts/lifecyclestage') {
          return propertiesDown
            ? send(503, { status: 'error', message: 'Service unavailable', category: 'SERVICE_UNAVAILABLE' })
            : send(200, lifecycleStage);
        }
        if (url.pathname === '/crm/v3/properties/contacts') {
          return propertyListDown
            ? send(503, { status: 'error', message: 'Service unavailable', category: 'SERVICE_UNAVAILABLE' })
            : send(200, contactProperties);
        }
        if (url.pathname === '/crm/v3/owners') return send(200, { results: [] });
        if (url.pathname === '/crm/v3/objects/contacts' && url.searchParams.get('archived') !== 'true') {
          const wanted = (url.searchParams.get('properties') ?? '').split(',');
          asked.push(wanted);
          return send(200, {
            results: contacts.map((c) => ({
              id: c.id,
              properties: Object.fromEntries(
                Object.entries(c.properties).filter(([name]) => wanted.includes(name)),
              ),
              createdAt: c.properties.createdate,
              updatedAt: c.properties.createdate,
              archived: false,
            })),
          });
        }
        // Searches (changes since the last sync) find nothing: nothing changed in this account.
        return send(200, { total: 0, results: [] });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      handle = await openTestDb();
      app = createApp({
        db: handle.db,
        driver: handle.driver,
        version: 'test',
        demo: false,
        cronSecret,
        secretsKeys: { current: randomBytes(32).toString('base64') },
        hubspotApiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      });
      await addUser(handle.db, 'admin@example.com', 'a long test password', 'admin');
      await addUser(handle.db, 'exec@example.com', 'a long test password', 'executive');
      admin = await signIn('admin@example.com');
      executive = await signIn('exec@example.com');
    });
    afterAll(async () => {
      await handle?.close();
      await new Promise((resolve) => server?.close(resolve));
    });

    it('answers the default mapping with the account’s own lifecycle stages, to admins only', async () => {
      const { body: created } = await call('POST', '/api/connectors', {
        kind: 'hubspot',
        accessToken: token,
      });
      const got = await call('GET', `/api/connectors/${created.id}/mapping`);
      expect(got.status).toBe(200);
      expect(got.body.mapping).toEqual({
        source: 'hs_analytics_source',
        stages: {
          mql: ['marketingqualifiedlead'],
          salesReady: ['salesqualifiedlead'],
          opportunity: ['opportunity'],
        },
      });
      expect(got.body.choices.from).toBe('account');
      // Hidden stages are not offered; the custom one is, with its label.
      expect(got.body.choices.stages.map((s: { value: string }) => s.value)).toEqual([
        'subscriber',
        'lead',
        'marketingqualifiedlead',
        '1234567',
        'salesqualifiedlead',
        'opportunity',
        'customer',
      ]);
      expect(got.body.choices.stages[3]).toEqual({ value: '1234567', label: 'Demo booked' });
      // HubSpot's own sources first, then the account's single-value and source-named text properties.
      expect(got.body.choices.source).toEqual([
        { value: 'hs_analytics_source', label: 'Original Source' },
        { value: 'hs_latest_source', label: 'Latest Source' },
        { value: 'lead_channel', label: 'Lead channel' },
        { value: 'utm_source', label: 'UTM source' },
      ]);
      expect(got.body.choices.note).toBeUndefined();

      expect((await call('GET', `/api/connectors/${created.id}/mapping`, undefined, executive)).status).toBe(
        403,
      );
      const put = { source: 'hs_latest_source', stages: { mql: [], salesReady: [], opportunity: [] } };
      expect((await call('PUT', `/api/connectors/${created.id}/mapping`, put, executive)).status).toBe(403);
      expect((await call('GET', `/api/connectors/${created.id}/mapping`, undefined, '')).status).toBe(401);
      expect((await call('GET', '/api/connectors/999999/mapping')).status).toBe(404);
      expect((await call('GET', '/api/connectors/abc/mapping')).status).toBe(400);
    });

    it('refuses a bad mapping with a 400 that names the field, and changes nothing', async () => {
      const [{ id }] = (await call('GET', '/api/connectors')).body.connectors;
      const stages = { mql: ['marketingqualifiedlead'], salesReady: ['salesqualifiedlead'], opportunity: [] };
      const cases: [unknown, string, RegExp][] = [
        [{ source: 'hs analytics!', stages }, 'source', /not a field name/],
        [{ source: '', stages }, 'source', /names no field/],
        [
          { source: 'hs_original_source', stages },
          'source',
          /"hs_original_source" is not a contact property/,
        ],
        [
          { source: 'hs_latest_source', stages: { ...stages, opportunity: 'opportunity' } },
          'stages.opportunity',
          /array/,
        ],
        [{ source: 'hs_latest_source', stages: { ...stages, won: [] } }, 'stages', /won/],
        [
          { source: 'hs_latest_source', stages: { ...stages, opportunity: ['salesqualifiedlead'] } },
          'stages.opportunity.0',
          /already counts as salesReady/,
        ],
        [
          { source: 'hs_latest_source', stages: { ...stages, mql: ['marketingqualifiedlead', 'nurture'] } },
          'stages.mql.1',
          /"nurture" is not a stage of this hubspot account/,
        ],
      ];
      for (const [body, path, message] of cases) {
        const res = await call('PUT', `/api/connectors/${id}/mapping`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
        expect(res.body.error.message).toMatch(message);
      }
      expect((await call('GET', `/api/connectors/${id}/mapping`)).body.mapping.source).toBe(
        'hs_analytics_source',
      );
    });

    it('syncs with the mapping: a changed one changes the stored leads, and is audited', async () => {
      const [{ id }] = (await call('GET', '/api/connectors')).body.connectors;
      await tick();
      expect((await call('GET', `/api/connectors/${id}`)).body.lastRun).toMatchObject({
        read: 2,
        inserted: 2,
      });
      expect(asked.at(-1)).toContain('hs_analytics_source');
      expect(await lead('501')).toMatchObject({ source: 'Paid Search', stage: 'mql' });
      // A custom stage the mapping does not count leaves the contact a plain lead.
      expect(await lead('502')).toMatchObject({
        source: 'Organic Search',
        stage: 'lead',
        crmSalesReadyAt: null,
      });

      const mapping = {
        source: 'hs_latest_source',
        stages: {
          mql: ['marketingqualifiedlead'],
          salesReady: ['1234567', 'salesqualifiedlead'],
          opportunity: ['opportunity'],
        },
      };
      const saved = await call('PUT', `/api/connectors/${id}/mapping`, mapping);
      expect(saved.status).toBe(200);
      expect(saved.body.mapping).toEqual(mapping);
      expect((await call('GET', `/api/connectors/${id}/mapping`)).body.mapping).toEqual(mapping);
      const [entry] = await selectRows<{ details: string }>(
        handle.db,
        sql`select details from audit_log where action = 'connector.mapping' and target = ${`connector:${id}`}`,
      );
      expect(JSON.parse(defined(entry).details)).toMatchObject({
        before: { source: 'hs_analytics_source' },
        after: { source: 'hs_latest_source' },
      });

      // The next sync re-reads every contact (nothing changed in HubSpot) under the new mapping.
      expect((await call('POST', `/api/connectors/${id}/sync`)).status).toBe(202);
      await tick();
      expect((await call('GET', `/api/connectors/${id}`)).body.lastRun).toMatchObject({
        read: 2,
        updated: 2,
      });
      expect(asked.at(-1)).toEqual(
        expect.arrayContaining(['hs_latest_source', 'hs_v2_date_entered_1234567']),
      );
      expect(await lead('501')).toMatchObject({ source: 'Email Marketing', stage: 'mql' });
      expect(await lead('502')).toMatchObject({
        source: 'Organic Search',
        stage: 'sales_ready',
        mqlAt: '2025-10-04T09:00:00.000Z',
        crmSalesReadyAt: '2025-10-09T09:00:00.000Z',
      });
    });

    it('offers HubSpot’s standard stages, saying why, when the account’s cannot be read', async () => {
      const [{ id }] = (await call('GET', '/api/connectors')).body.connectors;
      propertiesDown = true;
      try {
        const got = await call('GET', `/api/connectors/${id}/mapping`);
        expect(got.status).toBe(200);
        expect(got.body.choices.from).toBe('standard');
        expect(got.body.choices.note).toMatch(/could not be read \(HubSpot answered 503/);
        expect(got.body.choices.stages.map((s: { value: string }) => s.value)).toContain(
          'salesqualifiedlead',
        );
      } finally {
        propertiesDown = false;
      }
    });

    it('offers the account’s stages with the standard sources, saying why, when its properties cannot be read', async () => {
      const [{ id }] = (await call('GET', '/api/connectors')).body.connectors;
      propertyListDown = true;
      try {
        const got = await call('GET', `/api/connectors/${id}/mapping`);
        expect(got.body.choices).toMatchObject({
          from: 'account',
          source: [
            { value: 'hs_analytics_source', label: 'Original Source' },
            { value: 'hs_latest_source', label: 'Latest Source' },
          ],
        });
        expect(got.body.choices.note).toMatch(
          /^HubSpot’s contact properties could not be read \(HubSpot answered 503 .*\): the sources offered are the standard ones\.$/,
        );
        expect(got.body.choices.stages.map((s: { value: string }) => s.value)).toContain('1234567');
        // Which properties the account has is unknown: a custom source is taken, its stages still checked.
        const mapping = {
          source: 'lead_channel',
          stages: { mql: ['nurture'], salesReady: [], opportunity: [] },
        };
        const refused = await call('PUT', `/api/connectors/${id}/mapping`, mapping);
        expect(refused.body.error.details).toEqual([
          { path: 'stages.mql.0', message: '"nurture" is not a stage of this hubspot account' },
        ]);
        mapping.stages.mql = ['1234567'];
        expect((await call('PUT', `/api/connectors/${id}/mapping`, mapping)).status).toBe(200);
      } finally {
        propertyListDown = false;
      }
    });
  },
);
