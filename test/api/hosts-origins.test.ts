import { createApp } from '@salesready/api/app';
import { prepareEmbedded } from '@salesready/api/bootstrap';
import { demoAccount } from '@salesready/api/context';
import { users } from '@salesready/db/schema/index';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addLeads, addUser } from '../helpers/factories';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describeOnBackend('hosts answered, origins that may write, and the demo account', () => {
  let t: TestApp;
  let publicApp: TestApp['app'];
  const password = 'a long test password';

  beforeAll(async () => {
    t = await openTestApp({ demo: true });
    publicApp = createApp({
      db: t.handle.db,
      driver: t.handle.driver,
      version: 'test',
      demo: true,
      publicUrl: 'https://pipeline.example.com/',
    });
    await addUser(t.handle.db, 'admin@example.com', password, 'admin');
  });
  afterAll(() => t?.close());

  it('answers loopback names on any port, and refuses any other Host with 421 in the error envelope', async () => {
    for (const host of ['localhost', 'localhost:3000', '127.0.0.1:5173', '[::1]:3000', 'LOCALHOST']) {
      expect((await t.app.request('/api/health', { headers: { host } })).status, host).toBe(200);
    }
    for (const host of [
      'attacker.example',
      'localhost.attacker.example',
      '127.0.0.1.nip.io:3000',
      '10.0.0.5',
    ]) {
      const res = await t.app.request('/api/health', { headers: { host } });
      expect(res.status, host).toBe(421);
      const { error } = await res.json();
      expect(error).toMatchObject({ code: 'misdirected' });
      expect(error.message).toContain(`"${host.toLowerCase()}"`);
      expect(error.message).toContain('127.0.0.1, localhost or [::1]');
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    // The web app's pages and unknown paths are refused the same way.
    expect((await t.app.request('/overview', { headers: { host: 'rebound.example' } })).status).toBe(421);
  });

  it('with PUBLIC_URL, answers its host only (default port written or not), and sends HSTS and Secure cookies', async () => {
    for (const host of ['pipeline.example.com', 'pipeline.example.com:443', 'PIPELINE.example.com']) {
      const res = await publicApp.request('/api/health', { headers: { host } });
      expect(res.status, host).toBe(200);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
    for (const host of ['localhost', 'pipeline.example.com:8443', 'other.example.com']) {
      const res = await publicApp.request('/api/health', { headers: { host } });
      expect(res.status, host).toBe(421);
      expect((await res.json()).error.message).toContain('it answers pipeline.example.com');
    }
    const login = await publicApp.request(
      '/api/auth/login',
      json(
        { email: 'admin@example.com', password },
        { host: 'pipeline.example.com', origin: 'https://pipeline.example.com' },
      ),
    );
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly.*Secure.*SameSite=Lax/i);
    // Loopback without PUBLIC_URL: plain http, so no HSTS and no Secure flag.
    const local = await t.app.request('/api/auth/login', json({ email: 'admin@example.com', password }));
    expect(local.headers.get('strict-transport-security')).toBeNull();
    expect(local.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });

  it('refuses cross-origin writes with a message, comparing Origin with the app’s origin and not the Host', async () => {
    const body = { email: 'admin@example.com', password };
    const refused = [
      [t.app, { origin: 'http://attacker.example' }],
      // The page's origin must be the one the request is addressed to, port included.
      [t.app, { host: 'localhost:3000', origin: 'http://127.0.0.1:3000' }],
      [t.app, { origin: 'null' }],
      [t.app, { 'sec-fetch-site': 'cross-site' }],
      [publicApp, { host: 'pipeline.example.com', origin: 'http://pipeline.example.com' }],
      [publicApp, { host: 'pipeline.example.com', origin: 'https://attacker.example' }],
    ] as const;
    for (const [app, headers] of refused) {
      const res = await app.request('/api/auth/login', json(body, headers));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const { error } = await res.json();
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(/^cross-origin request refused: /);
      expect(error.message).toContain('may write');
    }
    const accepted = [
      [t.app, { host: 'localhost:3000', origin: 'http://localhost:3000' }],
      [t.app, { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }],
      [t.app, { 'sec-fetch-site': 'same-origin', origin: 'http://localhost' }],
      // A script (no Origin, no Sec-Fetch-Site) is no browser being tricked.
      [t.app, {}],
      [publicApp, { host: 'pipeline.example.com', origin: 'https://pipeline.example.com' }],
    ] as const;
    for (const [app, headers] of accepted) {
      const res = await app.request('/api/auth/login', json(body, headers));
      expect(res.status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('shows and signs in the demo account only for the loopback demo', async () => {
    await addUser(t.handle.db, demoAccount.email, demoAccount.password, 'admin');
    const status = await (await t.app.request('/api/auth/status')).json();
    expect(status.demoAccount).toEqual(demoAccount);
    const demoLogin = json(demoAccount, { host: 'pipeline.example.com' });
    expect((await t.app.request('/api/auth/login', json(demoAccount))).status).toBe(200);

    const publicStatus = await (
      await publicApp.request('/api/auth/status', { headers: { host: 'pipeline.example.com' } })
    ).json();
    expect(publicStatus.demoAccount).toBeNull();
    const refused = await publicApp.request('/api/auth/login', demoLogin);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.message).toBe('wrong email or password');

    const notDemo = createApp({ db: t.handle.db, driver: t.handle.driver, version: 'test', demo: false });
    expect((await (await notDemo.request('/api/auth/status')).json()).demoAccount).toBeNull();
    expect((await notDemo.request('/api/auth/login', json(demoAccount))).status).toBe(401);
  });
});

describeOnBackend('the embedded database’s first start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
    // Data already there: the first start only decides about the account.
    await addLeads(t.handle.db, [{ externalId: 'L1', createdAt: '2026-01-05T10:00:00Z' }]);
  });
  afterAll(() => t?.close());

  it('creates the demo account only when asked to (a loopback server), and as an admin', async () => {
    const lines: string[] = [];
    await prepareEmbedded(t.handle.db, (line) => lines.push(line), { account: false });
    expect(await t.handle.db.select().from(users)).toEqual([]);
    expect(lines.join('\n')).not.toContain(demoAccount.password);
    await prepareEmbedded(t.handle.db, (line) => lines.push(line), { account: true });
    const rows = await t.handle.db.select().from(users);
    expect(rows.map((u) => [u.email, u.role])).toEqual([[demoAccount.email, 'admin']]);
  });
});
