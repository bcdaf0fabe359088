import { randomBytes } from 'node:crypto';
import { createApp } from '@salesready/api/app';
import { type DbHandle, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { lead, newOrg, type SalesforceOrg } from '../helpers/salesforce-org';
import { startSalesforceServer } from '../helpers/salesforce-server';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// A local stand-in for a Salesforce org in its documented shapes (see test/helpers/salesforce-server.ts),
// whose Lead Status picklist has a custom status and an inactive one, and custom Lead fields.
const cronSecret = 'salesforce-mapping-cron-0123456789';

describeOnBackend(
  'connectors: the Salesforce mapping offers the org’s own Lead statuses and source fields',
  () => {
    let handle: DbHandle;
    let app: ReturnType<typeof createApp>;
    let org: SalesforceOrg;
    let server: Awaited<ReturnType<typeof startSalesforceServer>>;
    let admin: string;

    const call = async (method: string, path: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        headers: {
          cookie: admin,
          origin: 'http://localhost',
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json() };
    };
    const connect = async () => {
      const created = await call('POST', '/api/connectors', {
        kind: 'salesforce',
        loginUrl: server.url,
        clientId: org.clientId,
        clientSecret: org.clientSecret,
      });
      expect(created.status).toBe(201);
      return created.body.id as number;
    };
    const values = (list: { value: string }[]) => list.map((c) => c.value);
    const describes = () =>
      server.seen.filter((s) => s.path === '/services/data/v62.0/sobjects/Lead/describe');

    beforeAll(async () => {
      org = newOrg({
        statuses: [
          { value: 'Open - Not Contacted', label: 'Open - Not Contacted', active: true, defaultValue: true },
          { value: 'Nurturing', label: 'Nurturing (marketing)', active: true, defaultValue: false },
          { value: 'Working - Contacted', label: 'Working - Contacted', active: true, defaultValue: false },
          { value: 'Retired', label: 'Retired', active: false, defaultValue: false },
          { value: 'Closed - Converted', label: 'Closed - Converted', active: true, defaultValue: false },
        ],
        customFields: [
          { name: 'Lead_Channel__c', label: 'Lead Channel', type: 'picklist' },
          { name: 'UTM_Source__c', label: 'UTM Source', type: 'string' },
          { name: 'Tags__c', label: 'Tags', type: 'multipicklist' },
          { name: 'Shoe_Size__c', label: 'Shoe size', type: 'string' },
        ],
        leads: [
          lead('00Q000000000001AAA', '2025-10-01T09:00:00.000Z', {
            LeadSource: 'Web',
            Lead_Channel__c: 'Events',
            Status: 'Nurturing',
          }),
        ],
        history: [
          {
            LeadId: '00Q000000000001AAA',
            NewValue: 'Nurturing',
            CreatedDate: '2025-10-02T09:00:00.000+0000',
          },
        ],
      });
      server = await startSalesforceServer(org);
      handle = await openTestDb();
      app = createApp({
        db: handle.db,
        driver: handle.driver,
        version: 'test',
        demo: false,
        cronSecret,
        secretsKeys: { current: randomBytes(32).toString('base64') },
      });
      await addUser(handle.db, 'admin@example.com', 'a long test password', 'admin');
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
      });
      admin = defined(login.headers.get('set-cookie')?.split(';')[0]);
    });
    afterAll(async () => {
      await handle?.close();
      await server?.close();
    });

    it('answers the org’s active Lead statuses (a custom one with its label) and its source fields, renewing an expired session', async () => {
      const id = await connect();
      server.expireSessions();
      const got = await call('GET', `/api/connectors/${id}/mapping`);
      expect(got.status).toBe(200);
      expect(got.body.mapping).toEqual({
        source: 'LeadSource',
        stages: { mql: ['Working - Contacted'], salesReady: [], opportunity: ['Closed - Converted'] },
      });
      expect(got.body.choices).toEqual({
        from: 'account',
        stages: [
          { value: 'Open - Not Contacted', label: 'Open - Not Contacted' },
          { value: 'Nurturing', label: 'Nurturing (marketing)' },
          { value: 'Working - Contacted', label: 'Working - Contacted' },
          { value: 'Closed - Converted', label: 'Closed - Converted' },
        ],
        // LeadSource first; then custom single-value fields, and text fields named like a source.
        source: [
          { value: 'LeadSource', label: 'Lead Source' },
          { value: 'Lead_Channel__c', label: 'Lead Channel' },
          { value: 'UTM_Source__c', label: 'UTM Source' },
        ],
      });
      expect(describes()).toHaveLength(2);
      // The expired session was renewed once with client credentials, as a sync renews it.
      expect(server.seen.flatMap((s) => (s.form ? [s.form.grant_type] : []))).toEqual([
        'client_credentials',
        'client_credentials',
      ]);
    });

    it('refuses a status the org lacks (or no longer uses) and a source field it has not with a 400 naming each', async () => {
      const [{ id }] = (await call('GET', '/api/connectors')).body.connectors;
      const res = await call('PUT', `/api/connectors/${id}/mapping`, {
        source: 'Lead_Source__c',
        stages: { mql: ['Nurturing', 'Marketing Qualified'], salesReady: ['Retired'], opportunity: [] },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: 'source', message: '"Lead_Source__c" is not a Lead field of this Salesforce org' },
        {
          path: 'stages.mql.1',
          message: '"Marketing Qualified" is not an active Lead status of this Salesforce org',
        },
        {
          path: 'stages.salesReady.0',
          message: '"Retired" is not an active Lead status of this Salesforce org',
        },
      ]);
      expect(res.body.error.message).toMatch(/"Marketing Qualified" is not an active Lead status/);
      expect((await call('GET', `/api/connectors/${id}/mapping`)).body.mapping.source).toBe('LeadSource');
    });

    it('syncs with a mapping of the org’s custom status and source field', async () => {
      const [{ id }] = (await call('GET', '/api/connectors')).body.connectors;
      const mapping = {
        source: 'Lead_Channel__c',
        stages: {
          mql: ['Nurturing'],
          salesReady: ['Working - Contacted'],
          opportunity: ['Closed - Converted'],
        },
      };
      expect((await call('PUT', `/api/connectors/${id}/mapping`, mapping)).status).toBe(200);
      await app.request('/api/jobs/tick', {
        method: 'POST',
        headers: { authorization: `Bearer ${cronSecret}` },
      });
      expect((await call('GET', `/api/connectors/${id}`)).body).toMatchObject({
        status: 'idle',
        lastRun: { read: 1, rejected: 0 },
      });
      const query = server.seen.find((s) => s.soql?.startsWith('SELECT Id, CreatedDate'));
      expect(query?.soql).toMatch(/^SELECT Id, CreatedDate, Lead_Channel__c, /);
      const [row] = await selectRows<{ source: string; stage: string; mql_at: string }>(
        handle.db,
        sql`select s.name as source, l.stage, l.mql_at from leads l join sources s on s.id = l.source_id
          where l.external_id = '00Q000000000001AAA'`,
      );
      expect(row).toMatchObject({ source: 'Events', stage: 'mql' });
      expect(new Date(defined(row).mql_at).toISOString()).toBe('2025-10-02T09:00:00.000Z');
    });

    it('offers the standard statuses, saying why, when the connector is revoked or the org does not answer', async () => {
      const [{ id }] = (await call('GET', '/api/connectors')).body.connectors;
      // An org slower than the settings page waits (5 seconds): the standard statuses, in about that time.
      org.describeDelayMs = 8000;
      const began = Date.now();
      const slow = (await call('GET', `/api/connectors/${id}/mapping`)).body.choices;
      expect(Date.now() - began).toBeLessThan(7000);
      expect(slow.from).toBe('standard');
      expect(slow.note).toMatch(/could not be read \(Salesforce could not be reached: .*timeout/);
      org.describeDelayMs = 0;

      expect((await call('DELETE', `/api/connectors/${id}`)).status).toBe(200);
      const revoked = (await call('GET', `/api/connectors/${id}/mapping`)).body.choices;
      expect(revoked).toMatchObject({
        from: 'standard',
        note: 'The connector is revoked: these are Salesforce’s standard lead statuses.',
        source: [{ value: 'LeadSource', label: 'Lead Source' }],
      });
      expect(values(revoked.stages)).toEqual([
        'Open - Not Contacted',
        'Working - Contacted',
        'Closed - Converted',
        'Closed - Not Converted',
      ]);

      const next = await connect();
      await server.close();
      const down = await call('GET', `/api/connectors/${next}/mapping`);
      expect(down.status).toBe(200);
      expect(down.body.choices.from).toBe('standard');
      expect(down.body.choices.note).toMatch(
        /^Salesforce’s lead statuses could not be read \(Salesforce could not be reached: .*\): these are the standard ones\.$/,
      );
      // While the org cannot say which statuses it has, a mapping naming its own is taken.
      const mapping = {
        source: 'LeadSource',
        stages: { mql: ['Nurturing'], salesReady: [], opportunity: [] },
      };
      expect((await call('PUT', `/api/connectors/${next}/mapping`, mapping)).status).toBe(200);
    });
  },
);
