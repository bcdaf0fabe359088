import { format } from 'node:util';
import { errorStatus } from '@salesready/api/errors';
import { auditLog } from '@salesready/db/schema/index';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { addUser } from '../helpers/factories';
import { cookieFor } from '../helpers/import-http';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const password = 'Tr0ub4dor&3-submitted-password';
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: 'http://localhost', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describeOnBackend('no password, hash or token leaves through an answer, the console or the audit log', () => {
  let t: TestApp;
  let logged: string[];
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t?.close());
  beforeEach(() => {
    logged = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(format(...args));
      });
    }
  });
  afterEach(() => vi.restoreAllMocks());

  it('keeps a submitted password out of every error answer, the console and the audit log', async () => {
    await addUser(t.handle.db, 'victim@example.com', 'the real password', 'executive');
    const admin = await cookieFor(t, 'admin@example.com', 'admin');
    const { token } = await (
      await t.app.request(
        '/api/users/invite',
        post({ email: 'invitee@example.com', role: 'board' }, { cookie: admin }),
      )
    ).json();
    // A check the invitee's row fails on: accepting then breaks inside the database (an unexpected 500).
    await t.handle.db.execute(
      sql`alter table users add constraint test_breaks check (name <> 'Breaks On Accept')`,
    );

    const answers: Response[] = [];
    const call = async (path: string, init: RequestInit) => {
      const res = await t.app.request(path, init);
      answers.push(res);
      return res;
    };
    await call('/api/auth/login', post({ email: 'victim@example.com', password }));
    await call('/api/auth/login', post({ email: 'nobody@example.com', password }));
    await call('/api/auth/login', post({ email: 'not an email', password }));
    await call('/api/auth/login', post({ email: 'victim@example.com', password: password.repeat(20) }));
    await call('/api/auth/login', post(`{"email":"victim@example.com","password":"${password}"`));
    await call('/api/auth/login', post({ email: 'victim@example.com', password: 12345, extra: password }));
    await call('/api/auth/setup', post({ email: 'x', password }));
    await call('/api/auth/accept-invite', post({ token: 'srv_unknown', password }));
    await call(
      '/api/auth/password',
      post({ currentPassword: password, newPassword: password }, { cookie: admin }),
    );
    const broken = await call('/api/auth/accept-invite', post({ token, password, name: 'Breaks On Accept' }));
    expect(broken.status).toBe(500);
    // The unexpected failure was logged, without the password, its hash or the invitation's token.
    expect(logged.join('\n')).toMatch(/Failed query: update "users"/);

    for (const res of answers) {
      const body = await res.text();
      expect(body).not.toContain(password);
      expect(body).not.toContain('Tr0ub4dor');
      // Every answer is the error envelope, its code the one its status stands for.
      const { code } = JSON.parse(body).error as { code: keyof typeof errorStatus };
      expect(errorStatus[code]).toBe(res.status);
    }
    const output = logged.join('\n');
    expect(output).not.toContain('Tr0ub4dor');
    expect(output).not.toContain('scrypt$');
    expect(output).not.toContain(token);
    const audit = JSON.stringify(await t.handle.db.select().from(auditLog));
    expect(audit).not.toContain('Tr0ub4dor');
    expect(audit).not.toContain('scrypt$');
    await t.handle.db.execute(sql`alter table users drop constraint test_breaks`);
  });

  it('keeps tokens out of the answers that list them', async () => {
    const admin = await cookieFor(t, 'lister@example.com', 'admin');
    const created = await (
      await t.app.request('/api/tokens', post({ name: 'crm' }, { cookie: admin }))
    ).json();
    const invited = await (
      await t.app.request(
        '/api/users/invite',
        post({ email: 'later@example.com', role: 'board' }, { cookie: admin }),
      )
    ).json();
    for (const path of ['/api/tokens', '/api/users', '/api/audit', '/api/auth/sessions']) {
      const body = await (await t.app.request(path, { headers: { cookie: admin } })).text();
      expect(body, path).not.toContain(created.token);
      expect(body, path).not.toContain(invited.token);
      expect(body, path).not.toContain('scrypt$');
      expect(body, path).not.toMatch(/token_?hash/i);
      expect(body, path).not.toContain(admin.slice('sr_session='.length));
    }
  });
});
