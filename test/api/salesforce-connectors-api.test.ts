import { randomBytes } from 'node:crypto';
import { createApp } from '@salesready/api/app';
import { SecretBox } from '@salesready/api/auth/secrets';
import { resealSecrets } from '@salesready/api/auth/stored-secrets';
import { type DbHandle, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { lead, newOrg, type SalesforceOrg } from '../helpers/salesforce-org';
import { startSalesforceServer } from '../helpers/salesforce-server';
import { signedInRequest } from '../helpers/test-app';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// A local stand-in for a Salesforce org in its documented shapes (see test/helpers/salesforce-server.ts).
const cronSecret = 'connectors-cron-secret-0123456789';

describeOnBackend(
  'connectors: connect Salesforce (client credentials or the web-server flow), sync as a job, revoke',
  () => {
    let handle: DbHandle;
    let app: ReturnType<typeof createApp>;
    let org: SalesforceOrg;
    let server: Awaited<ReturnType<typeof startSalesforceServer>>;
    let admin: string;
    let otherAdmin: string;
    let executive: string;

    const signIn = async (email: string, role: 'admin' | 'executive') => {
      await addUser(handle.db, email, 'a long test password', role);
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'a long test password' }),
      });
      return defined(defined(login.headers.get('set-cookie')).split(';')[0]);
    };
    const request = signedInRequest(
      () => app,
      () => admin,
    );
    const call = async (method: string, path: string, body?: unknown, cookie = admin) => {
      const res = await request(method, path, body, cookie);
      const text = await res.text();
      return {
        status: res.status,
        location: res.headers.get('location'),
        body: text ? JSON.parse(text) : null,
      };
    };
    const tick = () =>
      app.request('/api/jobs/tick', { method: 'POST', headers: { authorization: `Bearer ${cronSecret}` } });
    const leadCount = async () =>
      Number(
        defined(
          (
            await selectRows<{ n: number | string }>(
              handle.db,
              sql`select count(*) as n from leads where origin_system = 'salesforce'`,
            )
          )[0],
        ).n,
      );
    const sealed = async (id: number) =>
      defined(
        (
          await selectRows<{ secret: string | null }>(
            handle.db,
            sql`select secret from connectors where id = ${id}`,
          )
        )[0],
      ).secret;
    const key = randomBytes(32).toString('base64');
    const makeApp = (current: string) =>
      createApp({
        db: handle.db,
        driver: handle.driver,
        version: 'test',
        demo: false,
        cronSecret,
        secretsKeys: { current },
      });
    const grants = () => server.seen.filter((s) => s.form).map((s) => defined(s.form).grant_type);

    beforeAll(async () => {
      org = newOrg({
        leads: [
          lead('00Q000000000001AAA', '2025-10-01T09:00:00.000Z', {
            LeadSource: 'Web',
            Status: 'Working - Contacted',
          }),
          lead('00Q000000000002AAA', '2025-10-02T09:00:00.000Z', { LeadSource: 'Partner Referral' }),
          lead('00Q000000000003AAA', '2025-10-03T09:00:00.000Z', { CreatedDate: null, LeadSource: 'Web' }),
        ],
        history: [
          {
            LeadId: '00Q000000000001AAA',
            NewValue: 'Working - Contacted',
            CreatedDate: '2025-10-04T09:00:00.000+0000',
          },
        ],
      });
      server = await startSalesforceServer(org);
      handle = await openTestDb();
      app = makeApp(key);
      admin = await signIn('admin@example.com', 'admin');
      otherAdmin = await signIn('second-admin@example.com', 'admin');
      executive = await signIn('cfo@example.com', 'executive');
    });
    afterAll(async () => {
      await handle?.close();
      await server?.close();
    });

    it('refuses what is not a connection: a bad login URL, a refused secret, a role that is not admin', async () => {
      const badUrl = await call('POST', '/api/connectors', {
        kind: 'salesforce',
        loginUrl: 'ftp://login.example.com',
        clientId: org.clientId,
        clientSecret: org.clientSecret,
      });
      expect(badUrl.status).toBe(400);
      expect(JSON.stringify(badUrl.body.error)).toMatch(/loginUrl.*is not an https URL/);
      const refused = await call('POST', '/api/connectors', {
        kind: 'salesforce',
        loginUrl: server.url,
        clientId: org.clientId,
        clientSecret: 'not-the-secret-0123',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(
        /Salesforce refused the client credentials grant \(400\): invalid_client/,
      );
      const notAdmin = await call(
        'POST',
        '/api/connectors',
        { kind: 'salesforce', loginUrl: server.url, clientId: org.clientId, clientSecret: org.clientSecret },
        executive,
      );
      expect(notAdmin.status).toBe(403);
      expect(
        (await call('GET', '/api/connectors/salesforce/authorize?connector=1', undefined, executive)).status,
      ).toBe(403);
      expect((await call('GET', '/api/connectors')).body.connectors).toEqual([]);
    });

    it('connects with client credentials, seals the secret, syncs as a job and asks again when the session expires', async () => {
      const created = await call('POST', '/api/connectors', {
        kind: 'salesforce',
        loginUrl: server.url,
        clientId: org.clientId,
        clientSecret: org.clientSecret,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'idle' });
      const id = created.body.id as number;
      const secret = await sealed(id);
      expect(secret).toMatch(/^v1\./);
      expect(secret).not.toContain(org.clientSecret);
      expect(JSON.stringify((await call('GET', `/api/connectors/${id}`)).body)).not.toContain(
        org.clientSecret,
      );
      const again = await call('POST', '/api/connectors', {
        kind: 'salesforce',
        loginUrl: server.url,
        clientId: org.clientId,
        clientSecret: org.clientSecret,
      });
      expect(again.status).toBe(409);

      expect((await tick()).status).toBe(200);
      const status = await call('GET', `/api/connectors/${id}`);
      expect(status.body).toMatchObject({
        kind: 'salesforce',
        status: 'idle',
        lastRun: {
          read: 3,
          inserted: 2,
          rejected: 1,
          errors: [{ recordId: '00Q000000000003AAA', message: 'CreatedDate is missing' }],
        },
      });
      expect(await leadCount()).toBe(2);
      // The default mapping: "Working - Contacted" counts as MQL, dated by the Status change.
      const [first] = await selectRows<{ mql_at: string }>(
        handle.db,
        sql`select mql_at from leads where external_id = '00Q000000000001AAA'`,
      );
      expect(new Date(defined(first).mql_at).toISOString()).toBe('2025-10-04T09:00:00.000Z');

      server.expireSessions();
      const before = grants().length;
      expect((await call('POST', `/api/connectors/${id}/sync`)).status).toBe(202);
      await tick();
      expect((await call('GET', `/api/connectors/${id}`)).body).toMatchObject({
        status: 'idle',
        lastRun: { read: 0 },
      });
      expect(grants().slice(before)).toEqual(['client_credentials']);
      expect(await sealed(id)).not.toBe(secret);
      expect((await call('DELETE', `/api/connectors/${id}`)).body.status).toBe('revoked');
      expect(await sealed(id)).toBeNull();
    });

    it('runs the web-server flow: pending, to Salesforce with a state bound to the admin, back with a code, then refreshes', async () => {
      const created = await call('POST', '/api/connectors', {
        kind: 'salesforce',
        flow: 'web_server',
        loginUrl: `${server.url}/`,
        clientId: org.clientId,
        clientSecret: org.clientSecret,
      });
      expect(created.status).toBe(201);
      const id = created.body.id as number;
      expect(created.body).toEqual({
        id,
        status: 'pending',
        authorizeUrl: `/api/connectors/salesforce/authorize?connector=${id}`,
      });
      expect((await call('GET', `/api/connectors/${id}`)).body.status).toBe('pending');

      const start = await call('GET', created.body.authorizeUrl);
      expect(start.status).toBe(302);
      const to = new URL(defined(start.location));
      expect(`${to.origin}${to.pathname}`).toBe(`${server.url}/services/oauth2/authorize`);
      const params = Object.fromEntries(to.searchParams);
      expect(params).toMatchObject({
        response_type: 'code',
        client_id: org.clientId,
        redirect_uri: 'http://localhost/api/connectors/salesforce/callback',
        code_challenge_method: 'S256',
      });
      expect(start.location).not.toContain(org.clientSecret);
      // The admin approves at Salesforce, which sends the browser back with a code and the state.
      org.codes.set('aPrx-approved', {
        challenge: defined(params.code_challenge),
        redirectUri: defined(params.redirect_uri),
      });
      const callback = `/api/connectors/salesforce/callback?code=aPrx-approved&state=${encodeURIComponent(defined(params.state))}`;

      const stranger = await call('GET', callback, undefined, otherAdmin);
      expect(stranger.status).toBe(302);
      expect(decodeURIComponent(defined(stranger.location))).toMatch(
        /^\/settings\/connectors\?error=This authorization was not started here by you/,
      );
      const forged = await call('GET', '/api/connectors/salesforce/callback?code=aPrx-approved&state=forged');
      expect(decodeURIComponent(defined(forged.location))).toMatch(
        /error=This authorization was not started here/,
      );
      const denied = await call(
        'GET',
        '/api/connectors/salesforce/callback?error=access_denied&error_description=end-user+denied+authorization',
      );
      expect(decodeURIComponent(defined(denied.location))).toMatch(
        /did not authorize the connection: end-user denied authorization/,
      );
      expect((await call('GET', `/api/connectors/${id}`)).body.status).toBe('pending');

      const back = await call('GET', callback);
      expect(back.status).toBe(302);
      expect(back.location).toBe(`/settings/connectors?connected=${id}`);
      expect(grants().at(-1)).toBe('authorization_code');
      // The state is spent: the same callback again is refused.
      expect(decodeURIComponent(defined((await call('GET', callback)).location))).toMatch(/error=/);

      await tick();
      expect((await call('GET', `/api/connectors/${id}`)).body).toMatchObject({
        status: 'idle',
        lastRun: { read: 3, rejected: 1 },
      });
      server.expireSessions();
      await call('POST', `/api/connectors/${id}/sync`);
      await tick();
      expect(grants().at(-1)).toBe('refresh_token');
      expect((await call('GET', `/api/connectors/${id}`)).body.status).toBe('idle');
      expect(await leadCount()).toBe(2);

      // A key rotation reseals the connector's one sealed value (client secret and tokens): the sync
      // opens it under the new key and goes on.
      const nextKey = randomBytes(32).toString('base64');
      const report = await resealSecrets(handle.db, new SecretBox({ current: nextKey, previous: key }));
      expect(report).toMatchObject({ resealed: 1, unreadable: [] });
      const previousRun = (await call('GET', `/api/connectors/${id}`)).body.lastRun;
      app = makeApp(nextKey);
      await call('POST', `/api/connectors/${id}/sync`);
      await tick();
      const rotated = (await call('GET', `/api/connectors/${id}`)).body;
      expect(rotated).toMatchObject({ status: 'idle', message: null });
      expect(rotated.lastRun.startedAt).not.toBe(previousRun.startedAt);
      expect(rotated.lastRun.finishedAt).not.toBeNull();

      // Revoking revokes the refresh token at Salesforce too, and forgets it here.
      const refreshed = defined(server.seen.filter((s) => s.form?.grant_type === 'refresh_token').at(-1));
      expect((await call('DELETE', `/api/connectors/${id}`)).status).toBe(200);
      expect(defined(server.seen.at(-1)).form).toEqual({
        token: defined(refreshed.form).refresh_token,
        grant_type: 'revoke',
      });
      expect(await sealed(id)).toBeNull();
    });
  },
);
