import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@salesready/api/app';
import type { DbHandle } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerChecker } from '../helpers/declared-answers';
import { addUser } from '../helpers/factories';
import { jsonCaller } from '../helpers/test-app';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// A local stand-in for HubSpot in the shapes of its CRM API v3 reference (see hubspot-sync.test.ts).
const token = 'pat-na1-0123456789abcdef';
const cronSecret = 'connectors-cron-secret-0123456789';

describeOnBackend('connectors: connect HubSpot, sync as a job, see the run, revoke', () => {
  let handle: DbHandle;
  let app: ReturnType<typeof createApp>;
  let server: Server;
  let admin: string;
  let refuse = false;

  const call = jsonCaller(
    () => app,
    () => admin,
  );
  const tick = () =>
    app.request('/api/jobs/tick', { method: 'POST', headers: { authorization: `Bearer ${cronSecret}` } });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(defined(req.url), 'http://localhost');
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (refuse || req.headers.authorization !== `Bearer ${token}`) {
        return send(401, {
          status: 'error',
          message: 'The access token is expired or invalid.',
          category: 'EXPIRED_AUTHENTICATION',
        });
      }
      if (url.pathname === '/crm/v3/owners') return send(200, { results: [] });
      if (url.pathname === '/crm/v3/objects/contacts' && url.searchParams.get('archived') !== 'true') {
        return send(200, {
          results: [
            {
              id: '1',
              properties: { createdate: '2025-10-01T00:00:00Z', hs_analytics_source: 'PAID_SEARCH' },
            },
            {
              id: '2',
              properties: { createdate: '2025-10-02T00:00:00Z', hs_analytics_source: 'DIRECT_TRAFFIC' },
            },
            { id: '3', properties: { createdate: '' } },
          ],
        });
      }
      return send(200, { results: [] });
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
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    admin = defined(defined(login.headers.get('set-cookie')).split(';')[0]);
  });
  afterAll(async () => {
    await handle?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('connects with a token it seals and never answers, and the first sync runs as a job', async () => {
    const created = await call('POST', '/api/connectors', { kind: 'hubspot', accessToken: token });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const [row] = await selectRows<{ secret: string }>(
      handle.db,
      sql`select secret from connectors where id = ${id}`,
    );
    expect(defined(row).secret).toMatch(/^v1\./);
    expect(defined(row).secret).not.toContain(token);
    expect(JSON.stringify((await call('GET', `/api/connectors/${id}`)).body)).not.toContain(token);
    const again = await call('POST', '/api/connectors', { kind: 'hubspot', accessToken: token });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already connected/);

    expect((await tick()).status).toBe(200);
    const status = await call('GET', `/api/connectors/${id}`);
    expect(status.body).toMatchObject({
      kind: 'hubspot',
      status: 'idle',
      lastRun: {
        read: 3,
        inserted: 2,
        rejected: 1,
        errors: [{ recordId: '3', message: 'createdate is missing' }],
      },
    });
    expect(status.body.lastRun.finishedAt).not.toBeNull();
    expect(status.body.nextRunAt).not.toBeNull();
    const leads = await selectRows<{ n: number | string }>(
      handle.db,
      sql`select count(*) as n from leads where origin_system = 'hubspot'`,
    );
    expect(Number(defined(leads[0]).n)).toBe(2);

    // "Sync now" again: only what changed since the last sync is asked for (nothing, here).
    const sync = await call('POST', `/api/connectors/${id}/sync`);
    expect(sync.status).toBe(202);
    await tick();
    expect((await call('GET', `/api/connectors/${id}`)).body.lastRun).toMatchObject({ read: 0, inserted: 0 });
    expect(
      Number(
        defined(
          (await selectRows<{ n: number | string }>(handle.db, sql`select count(*) as n from leads`))[0],
        ).n,
      ),
    ).toBe(2);
  });

  it('says why a sync stopped when HubSpot refuses the token, and revoking forgets it', async () => {
    const [{ id }] = (await call('GET', '/api/connectors')).body.connectors;
    refuse = true;
    await call('POST', `/api/connectors/${id}/sync`);
    await tick();
    const failed = await call('GET', `/api/connectors/${id}`);
    expect(failed.body.status).toBe('failed');
    expect(failed.body.message).toMatch(
      /HubSpot refused the token \(401\): The access token is expired or invalid/,
    );
    const revoked = await call('DELETE', `/api/connectors/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const [row] = await selectRows<{ secret: string | null }>(
      handle.db,
      sql`select secret from connectors where id = ${id}`,
    );
    expect(defined(row).secret).toBeNull();
    expect((await call('POST', `/api/connectors/${id}/sync`)).status).toBe(404);
  });

  it('refuses to store a token without SECRETS_KEY, saying why, and storing nothing', async () => {
    const keyless = createApp({ db: handle.db, driver: handle.driver, version: 'test', demo: false });
    const res = await keyless.request('/api/connectors', {
      method: 'POST',
      headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'hubspot', accessToken: token }),
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/SECRETS_KEY is not set/);
    const live = await selectRows<{ n: number | string }>(
      handle.db,
      sql`select count(*) as n from connectors where revoked_at is null`,
    );
    expect(Number(defined(live[0]).n)).toBe(0);
  });

  it('answers every connector route in the shape the OpenAPI document declares', async () => {
    refuse = false;
    const { call: checked, checked: seen } = answerChecker(app, () => ({ cookie: admin }));
    const { id } = await checked('POST', '/api/connectors', '/api/connectors', {
      json: { kind: 'hubspot', accessToken: token },
    });
    await tick();
    await checked('GET', '/api/connectors', '/api/connectors');
    await checked('GET', '/api/connectors/:id', `/api/connectors/${id}`);
    await checked('POST', '/api/connectors/:id/sync', `/api/connectors/${id}/sync`);
    const { mapping } = await checked('GET', '/api/connectors/:id/mapping', `/api/connectors/${id}/mapping`);
    await checked('PUT', '/api/connectors/:id/mapping', `/api/connectors/${id}/mapping`, { json: mapping });
    const revoked = await checked('DELETE', '/api/connectors/:id', `/api/connectors/${id}`);
    expect(revoked.status).toBe('revoked');
    expect(seen.size).toBe(7);
  });
});
