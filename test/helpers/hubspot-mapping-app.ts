import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@salesready/api/app';
import { defined } from '@salesready/db/defined';
import { cookieFor } from './pacing-session';
import { jsonCaller } from './test-app';
import { openTestDb } from './test-db';

// A local stand-in for HubSpot in the shapes of its CRM API v3 reference: object pages answer only the
// properties asked for (as HubSpot does), the lifecycle stage property
// `GET /crm/v3/properties/contacts/lifecyclestage` lists its options, a custom stage among them, and
// `GET /crm/v3/properties/contacts` every contact property (`{ results: [property] }`, CRM API
// "Properties": HubSpot's own marked `hubspotDefined`, the account's custom ones not).
export const hubspotToken = 'pat-na1-mapping-0123456789';
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

/** The account's server: `asked` lists each contact page's properties; `down` makes a property read fail. */
async function startHubspotAccount() {
  const asked: string[][] = [];
  const down = { properties: false, propertyList: false };
  const server = createServer((req, res) => {
    const url = new URL(defined(req.url), 'http://localhost');
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.headers.authorization !== `Bearer ${hubspotToken}`) {
      return send(401, { status: 'error', message: 'Authentication credentials not found.' });
    }
    if (url.pathname === '/crm/v3/properties/contacts/lifecyclestage') {
      return down.properties
        ? send(503, { status: 'error', message: 'Service unavailable', category: 'SERVICE_UNAVAILABLE' })
        : send(200, lifecycleStage);
    }
    if (url.pathname === '/crm/v3/properties/contacts') {
      return down.propertyList
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
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    down,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The app on a database of its own, syncing from the stand-in, an admin and an executive signed in. */
export async function openHubspotMappingApp() {
  const account = await startHubspotAccount();
  const handle = await openTestDb();
  const app = createApp({
    db: handle.db,
    driver: handle.driver,
    version: 'test',
    demo: false,
    cronSecret,
    secretsKeys: { current: randomBytes(32).toString('base64') },
    hubspotApiBase: account.url,
  });
  const t = { app, handle, close: handle.close };
  const admin = await cookieFor(t, 'admin');
  const executive = await cookieFor(t, 'executive', 'exec@example.com');
  const call = jsonCaller(
    () => app,
    () => admin,
  );
  const tick = () =>
    app.request('/api/jobs/tick', { method: 'POST', headers: { authorization: `Bearer ${cronSecret}` } });
  return {
    handle,
    account,
    executive,
    call,
    tick,
    close: async () => {
      await handle.close();
      await account.close();
    },
  };
}
