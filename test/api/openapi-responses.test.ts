import { createHmac, randomBytes } from 'node:crypto';
import { createApp } from '@salesready/api/app';
import { accessFor } from '@salesready/api/auth/role-matrix';
import { demoAccount } from '@salesready/api/context';
import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { answerChecker, type Caller } from '../helpers/declared-answers';
import { addUser } from '../helpers/factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// biome-ignore lint/suspicious/noExplicitAny: the document and answers are free-form JSON read by path
type Json = any;

const password = 'a long test password';
const cronSecret = 'test-cron-secret-0123456789';

function totp(base32: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const secret = Buffer.from(defined(bits.match(/.{8}/g)).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const value = (mac.readUInt32BE(defined(mac[mac.length - 1]) & 0xf) & 0x7fffffff) % 1e6;
  return String(value).padStart(6, '0');
}

/**
 * Every operation of the OpenAPI document declares its success answer, and the answers of a small demo
 * company are parsed with the declared schemas: the reads all (the connectors', which need a CRM to
 * answer, in connectors-api.test.ts), the writes a representative set. A field renamed, retyped or added without the document
 * fails here.
 */
describeOnBackend('the OpenAPI document describes the real answers', () => {
  let handle: DbHandle;
  let app: ReturnType<typeof createApp>;
  let doc: Json;
  let cookie = '';
  let api: Caller;
  const as = (c: string) => ({ headers: { cookie: c } });

  beforeAll(async () => {
    handle = await openTestDb();
    app = createApp({
      db: handle.db,
      driver: handle.driver,
      version: 'test',
      demo: true,
      cronSecret,
      secretsKeys: { current: randomBytes(32).toString('base64') },
    });
    await seedDemo(handle.db, { now: new Date(), leads: 300 });
    await addUser(handle.db, demoAccount.email, demoAccount.password, 'admin');
    await addUser(handle.db, 'admin@example.com', password, 'admin');
    api = answerChecker(app, (): Record<string, string> => (cookie ? { cookie } : {}));
    doc = await api.call('GET', '/api/openapi.json', '/api/openapi.json');
    await api.call('GET', '/api/health', '/api/health');
    await api.call('GET', '/api/auth/status', '/api/auth/status');
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password }),
    });
    cookie = defined(defined(login.headers.get('set-cookie')).split(';')[0]);
  });
  afterAll(() => handle?.close());

  it('declares a success answer for every operation', () => {
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, operation] of Object.entries(operations as Record<string, Json>)) {
        const [status, success] = defined(
          Object.entries(operation.responses as Record<string, Json>).find(([s]) => /^[23]\d\d$/.test(s)),
        );
        const content = Object.entries(success.content ?? {}) as [string, Json][];
        // JSON answers name their fields (or their alternatives); pages and files are strings.
        const described =
          status === '302'
            ? success.headers?.Location !== undefined
            : content.length > 0 &&
              content.every(([type, { schema }]) =>
                type === 'application/json'
                  ? Boolean(schema.properties || schema.anyOf)
                  : schema.type === 'string',
              );
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
        expect(operation.responses['4XX']).toEqual({ $ref: '#/components/responses/Refused' });
      }
    }
    expect(missing).toEqual([]);
  });

  it('secures each operation as the role matrix says', () => {
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const [method, operation] of Object.entries(operations as Record<string, Json>)) {
        const access = accessFor(method.toUpperCase(), path.replace(/\{(\w+)\}/g, ':$1'));
        const open = access === 'public' || access === 'share';
        expect(operation.security.length === 0, `${method} ${path}`).toBe(open);
      }
    }
    expect(doc.paths['/api/auth/accept-invite'].post.security).toEqual([]);
    expect(doc.paths['/api/jobs/tick'].post.security).toEqual([{ cronSecret: [] }]);
    expect(doc.paths['/api/ingest/spend'].post.security).toEqual([{ apiToken: [] }]);
    expect(doc.paths['/api/users'].get.security).toEqual([{ session: [] }]);
    // Read tokens: the figures and exports, never the settings.
    expect(doc.paths['/api/figures'].get.security).toEqual([{ session: [] }, { readToken: [] }]);
    expect(doc.paths['/api/exports/leads.csv'].get.security).toContainEqual({ readToken: [] });
    expect(doc.paths['/api/settings'].get.security).toEqual([{ session: [] }]);
  });

  it('answers every read as declared', async () => {
    const get = (path: string, url = path) => api.call('GET', path, url);
    const periods = await get('/api/periods');
    const current = periods.current.label;
    const closed = periods.quarters[1].label;
    const q = `quarter=${current}`;
    await get('/api/auth/me');
    await get('/api/auth/totp');
    await get('/api/auth/sessions');
    await get('/api/figures', `/api/figures?${q}`);
    for (const name of ['overview', 'funnel', 'attribution', 'speed', 'changes', 'pacing', 'handoff']) {
      await get(`/api/metrics/${name}`, `/api/metrics/${name}?${q}`);
    }
    await get('/api/metrics/sources', `/api/metrics/sources?${q}&view=period`);
    await get('/api/metrics/campaigns', `/api/metrics/campaigns?${q}&view=period`);
    await get('/api/metrics/trend', `/api/metrics/trend?${q}&series=all`);
    await get('/api/metrics/trend', '/api/metrics/trend?recentWeeks=8&grain=week');
    await get('/api/metrics/cohorts', '/api/metrics/cohorts?grain=month');
    await get('/api/metrics/handoff/neglected', '/api/metrics/handoff/neglected?pageSize=5');
    await get('/api/metrics/handoff/stalled', '/api/metrics/handoff/stalled?pageSize=5');
    await get('/api/metrics/alerts');
    await get('/api/metrics/pipeline-waterfall', `/api/metrics/pipeline-waterfall?${q}`);
    await get(
      '/api/metrics/pipeline-waterfall/deals',
      `/api/metrics/pipeline-waterfall/deals?${q}&movement=new`,
    );
    const leads = await get('/api/leads', `/api/leads?${q}&pageSize=5`);
    await get('/api/leads/dimensions');
    await get('/api/leads/:id', `/api/leads/${leads.rows[0].id}`);
    await get('/api/reports/preview', `/api/reports/preview?quarter=${closed}`);
    await get('/api/reports/commentary', `/api/reports/commentary?${q}`);
    await get('/api/reports/freeze', `/api/reports/freeze?quarter=${closed}`);
    await get('/api/reports/restatement', `/api/reports/restatement?quarter=${closed}`);
    await get('/api/reports/share-links');
    await get('/api/settings');
    await get('/api/settings/demo');
    await get('/api/settings/security');
    await get('/api/settings/sso');
    await get('/api/sources');
    await get('/api/targets', `/api/targets?${q}`);
    await get('/api/spend', '/api/spend?from=2025-01&to=2025-03');
    await get('/api/spend/presets');
    await get('/api/subscriptions');
    await get('/api/imports/presets');
    await get('/api/tokens');
    await get('/api/users');
    await get('/api/audit', '/api/audit?pageSize=20');
    await get('/api/subscriptions/unsubscribe', `/api/subscriptions/unsubscribe?token=${'x'.repeat(20)}`);
    // Single sign-on is not set up: the start sends the browser back to the sign-in page.
    await get('/api/auth/sso/start', '/api/auth/sso/start?email=someone%40example.com');
    await get('/api/auth/sso/callback', '/api/auth/sso/callback?error=access_denied');
  });

  it('answers a representative set of writes as declared', async () => {
    const send = (method: string, path: string, url: string, json?: unknown) =>
      api.call(method, path, url, json === undefined ? {} : { json });
    const { current, quarters } = await api.call('GET', '/api/periods', '/api/periods');
    const closed = quarters[1].label;
    const sources = (await api.call('GET', '/api/sources', '/api/sources')).sources;
    const [first, second, third] = sources;

    await send('PUT', '/api/settings', '/api/settings', { slaHours: 24 });
    await send('PUT', '/api/settings/security', '/api/settings/security', { adminTwoFactorRequired: false });
    const target = { quarter: current.label, metric: 'leads', sourceId: first.id, value: 120 };
    await send('PUT', '/api/targets', '/api/targets', { targets: [target] });
    await api.call('POST', '/api/targets/import', '/api/targets/import', {
      body: `quarter,metric,source,value\n${current.label},sales_ready,${first.name},40\n`,
      headers: { 'content-type': 'text/csv' },
    });
    await send(
      'DELETE',
      '/api/targets',
      `/api/targets?quarter=${current.label}&metric=leads&sourceId=${first.id}`,
    );
    await send('PUT', '/api/spend', '/api/spend', {
      entries: [{ sourceId: first.id, month: '2025-02', amount: 1200 }],
    });
    await api.call('POST', '/api/spend/import', '/api/spend/import?dryRun=true', {
      body: 'Day,Campaign,Currency code,Cost\n2025-10-01,Brand,USD,2000\n2025-11-01,Brand,USD,1000\n',
      headers: { 'content-type': 'text/csv' },
    });
    await send('POST', '/api/sources/match', '/api/sources/match', { names: [first.name, 'A new place'] });
    await send('PUT', '/api/sources/aliases', '/api/sources/aliases', {
      aliases: [{ name: 'Another spelling', sourceId: first.id }],
    });
    await send('PATCH', '/api/sources/:id', `/api/sources/${second.id}`, { category: 'marketing' });
    await send('POST', '/api/sources/:id/merge', `/api/sources/${third.id}/merge`, { into: second.id });

    await send('PUT', '/api/reports/commentary', `/api/reports/commentary?quarter=${current.label}`, {
      sections: { summary: 'A steady quarter.' },
    });
    await send('POST', '/api/reports/freeze', `/api/reports/freeze?quarter=${closed}`);
    const link = await send('POST', '/api/reports/share-links', '/api/reports/share-links', {
      quarter: closed,
      days: 7,
      label: 'Board',
    });
    await send('GET', '/api/share/:token', `/api/share/${link.token}`);
    await send('DELETE', '/api/reports/share-links/:id', `/api/reports/share-links/${link.id}`);
    await send('POST', '/api/metrics/alerts/run', '/api/metrics/alerts/run');

    const read = await send('POST', '/api/tokens', '/api/tokens', { name: 'Sheets', scope: 'read' });
    await send('DELETE', '/api/tokens/:id', `/api/tokens/${read.id}`);
    const ingest = await send('POST', '/api/tokens', '/api/tokens', { name: 'CRM', scope: 'ingest' });
    const bearer = { headers: { authorization: `Bearer ${ingest.token}`, cookie: '' } };
    const lead = { externalId: 'api-1', createdAt: '2025-02-03T10:00:00Z', source: first.name, amount: 900 };
    await api.call('POST', '/api/ingest/leads', '/api/ingest/leads', { ...bearer, json: { leads: [lead] } });
    await api.call('POST', '/api/ingest/touches', '/api/ingest/touches', {
      ...bearer,
      json: {
        touches: [
          {
            externalId: 't-1',
            leadExternalId: 'api-1',
            occurredAt: '2025-02-04',
            kind: 'call',
            actor: 'sales',
          },
        ],
      },
    });
    await api.call('POST', '/api/ingest/spend', '/api/ingest/spend', {
      ...bearer,
      json: { spend: [{ source: first.name, month: '2025-03', amount: 500 }] },
    });
    await api.call('POST', '/api/ingest/sales-cost', '/api/ingest/sales-cost', {
      ...bearer,
      json: { salesCost: [{ month: '2025-03', amount: 40_000 }] },
    });

    const invited = await send('POST', '/api/users/invite', '/api/users/invite', {
      email: 'new@example.com',
      role: 'board',
    });
    await api.call('POST', '/api/auth/accept-invite', '/api/auth/accept-invite', {
      headers: { cookie: '' },
      json: { token: invited.token, password: 'a board member long password' },
    });
    await send('PATCH', '/api/users/:id', `/api/users/${invited.user.id}`, { role: 'executive' });

    const csv = 'id,created,source\nI1,2025-01-05,Web\nI2,2025-01-06,Web\n';
    const mapping = JSON.stringify({ externalId: 'id', createdAt: 'created', source: 'source' });
    const form = (fields: Record<string, string>) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.set(k, v);
      body.set('file', new Blob([csv], { type: 'text/csv' }), 'leads.csv');
      return { body };
    };
    await api.call('POST', '/api/imports/preview', '/api/imports/preview', form({ mapping }));
    const done = await api.call('POST', '/api/imports', '/api/imports', form({ mapping, timezone: 'UTC' }));
    await api.call('GET', '/api/imports', '/api/imports');
    await api.call('GET', '/api/imports/:id', `/api/imports/${done.id}`);
    const size = String(Buffer.byteLength(csv));
    const chunked = await api.call('POST', '/api/imports/uploads', '/api/imports/uploads', {
      ...form({ mapping, timezone: 'UTC', size, chunkBytes: '1024' }),
    });
    await api.call('GET', '/api/imports/uploads', `/api/imports/uploads?fileName=leads.csv&size=${size}`);
    await api.call('GET', '/api/imports/:id/chunks', `/api/imports/${chunked.id}/chunks`);
    await api.call('PUT', '/api/imports/:id/chunks/:n', `/api/imports/${chunked.id}/chunks/0`, {
      body: csv,
      headers: { 'content-type': 'application/octet-stream' },
    });
    const another = await api.call('POST', '/api/imports/uploads', '/api/imports/uploads', {
      ...form({ mapping, timezone: 'UTC', size: String(Number(size) * 2), chunkBytes: '1024' }),
    });
    await send('POST', '/api/imports/:id/cancel', `/api/imports/${another.id}/cancel`);

    const tick = { headers: { authorization: `Bearer ${cronSecret}` } };
    await api.call('POST', '/api/jobs/tick', '/api/jobs/tick', tick);
    await api.call('GET', '/api/jobs/tick', '/api/jobs/tick', tick);

    // Two-factor sign-in, start to end, on an account of its own.
    await addUser(handle.db, 'second@example.com', password, 'admin');
    const signIn = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'second@example.com', password }),
    });
    const own = { cookie: defined(defined(signIn.headers.get('set-cookie')).split(';')[0]) };
    const setup = await api.call('POST', '/api/auth/totp/setup', '/api/auth/totp/setup', { headers: own });
    const enabled = await api.call('POST', '/api/auth/totp/enable', '/api/auth/totp/enable', {
      headers: own,
      json: { code: totp(setup.secret) },
    });
    const asked = await api.call('POST', '/api/auth/login', '/api/auth/login', {
      headers: { cookie: '' },
      json: { email: 'second@example.com', password },
    });
    expect(asked).toEqual({ secondFactor: 'totp' });
    await api.call('POST', '/api/auth/totp/disable', '/api/auth/totp/disable', {
      headers: own,
      json: { code: enabled.recoveryCodes[0] },
    });
    await api.call('POST', '/api/auth/password', '/api/auth/password', {
      headers: own,
      json: { currentPassword: password, newPassword: 'another long test password' },
    });
    await api.call('POST', '/api/auth/sessions/revoke-all', '/api/auth/sessions/revoke-all', {
      headers: own,
    });
    await api.call('POST', '/api/auth/logout', '/api/auth/logout', { headers: own });

    const subscription = await send('POST', '/api/subscriptions', '/api/subscriptions', {
      kind: 'alerts',
      schedule: '0 8 * * 1',
      slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX',
    });
    await send('POST', '/api/subscriptions/:id/run', `/api/subscriptions/${subscription.id}/run`);
    await send('GET', '/api/subscriptions/:id/runs', `/api/subscriptions/${subscription.id}/runs`);
    await send('DELETE', '/api/subscriptions/:id', `/api/subscriptions/${subscription.id}`);
    await send('POST', '/api/settings/demo/remove', '/api/settings/demo/remove', { confirm: true });
  });

  it('has parsed the answer of every documented read', async () => {
    // The writes above queue deliveries and reports: there is a job to read by now.
    const jobs = await api.call('GET', '/api/jobs', '/api/jobs');
    await api.call('GET', '/api/jobs/:id', `/api/jobs/${jobs.jobs[0].id}`);
    const unread = Object.entries(doc.paths as Record<string, Json>)
      .filter(([path, operations]) => operations.get && !path.startsWith('/api/connectors'))
      .filter(([path]) => !/\.(csv|xlsx|pdf)$/.test(path))
      .map(([path]) => `GET ${path.replace(/\{(\w+)\}/g, ':$1')}`)
      .filter((key) => !api.checked.has(key));
    expect(unread).toEqual([]);
  });

  it('answers downloads as the files the document names', async () => {
    for (const path of [
      '/api/exports/leads.csv',
      '/api/exports/funnel.xlsx',
      '/api/reports/board-pack.pdf',
    ]) {
      const res = await app.request(path, as(cookie));
      expect(res.status, path).toBe(200);
      const [type] = Object.keys(doc.paths[path].get.responses['200'].content);
      expect(res.headers.get('content-type'), path).toContain(type);
      await res.arrayBuffer();
    }
  });
});
