import { defined } from '@salesready/db/defined';
import { auditLog, users } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { generatedCsv } from '../helpers/import-files';
import { cookieFor, uploadRequest } from '../helpers/import-http';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const send = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', origin: 'http://localhost', ...headers },
  body: JSON.stringify(body),
});

interface Entry {
  id: number;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  user: { id: number; email: string } | null;
}

describeOnBackend('the audit log: what is recorded, how it is read, and that it cannot be changed', () => {
  let t: TestApp;
  let admin: string;
  const secret = 'my very secret password 123';
  beforeAll(async () => {
    t = await openTestApp();
    admin = await cookieFor(t, 'auditor@example.com', 'admin');
  });
  afterAll(() => t?.close());

  const read = async (query = '') => {
    const res = await t.app.request(`/api/audit${query}`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    return (await res.json()) as { entries: Entry[]; page: number; pageSize: number; total: number };
  };

  it('records sign-ins, failures and sign-outs, never the password', async () => {
    const id = await addUser(t.handle.db, 'watched@example.com', secret, 'executive');
    const wrong = await t.app.request(
      '/api/auth/login',
      send(
        'POST',
        { email: 'watched@example.com', password: `${secret}!` },
        { 'x-forwarded-for': '192.0.2.44' },
      ),
    );
    expect(wrong.status).toBe(401);
    await t.app.request('/api/auth/login', send('POST', { email: 'ghost@example.com', password: secret }));
    const ok = await t.app.request(
      '/api/auth/login',
      send('POST', { email: 'watched@example.com', password: secret }),
    );
    const cookie = defined(defined(ok.headers.get('set-cookie')).split(';')[0]);
    await t.app.request('/api/auth/logout', send('POST', {}, { cookie }));

    const { entries } = await read('?action=auth.*');
    expect(entries.slice(0, 4).map((e) => [e.action, e.target, e.user?.email ?? null])).toEqual([
      ['auth.sign_out', `user:${id}`, 'watched@example.com'],
      ['auth.sign_in', `user:${id}`, 'watched@example.com'],
      ['auth.sign_in_failed', 'ghost@example.com', null],
      ['auth.sign_in_failed', 'watched@example.com', 'watched@example.com'],
    ]);
    expect(defined(entries[3]).details).toEqual({ ip: '192.0.2.44', reason: 'wrong password' });
    expect(defined(entries[2]).details).toMatchObject({ reason: 'unknown email' });
    const all = await t.handle.db.select().from(auditLog);
    expect(JSON.stringify(all)).not.toContain('secret password');
  });

  it('records invitations, role changes, deactivation, password changes, tokens and imports', async () => {
    const invited = await (
      await t.app.request(
        '/api/users/invite',
        send('POST', { email: 'new@example.com', name: 'New', role: 'board' }, { cookie: admin }),
      )
    ).json();
    const accepted = await t.app.request(
      '/api/auth/accept-invite',
      send('POST', { token: invited.token, password: secret }),
    );
    const newcomer = defined(defined(accepted.headers.get('set-cookie')).split(';')[0]);
    await t.app.request(
      '/api/auth/password',
      send('POST', { currentPassword: secret, newPassword: `${secret} v2` }, { cookie: newcomer }),
    );
    const id = invited.user.id;
    await t.app.request(`/api/users/${id}`, send('PATCH', { role: 'executive' }, { cookie: admin }));
    await t.app.request(`/api/users/${id}`, send('PATCH', { active: false }, { cookie: admin }));
    const token = await (
      await t.app.request('/api/tokens', send('POST', { name: 'crm' }, { cookie: admin }))
    ).json();
    await t.app.request(`/api/tokens/${token.id}`, {
      method: 'DELETE',
      headers: { cookie: admin, origin: 'http://localhost' },
    });
    await t.app.request(
      '/api/imports',
      uploadRequest(admin, generatedCsv(2), {
        mapping: JSON.stringify({ externalId: 'id', createdAt: 'created' }),
        timezone: 'UTC',
      }),
    );

    const { entries } = await read();
    const actions = entries.map((e) => e.action);
    expect(actions.slice(0, 8)).toEqual([
      'import.start',
      'token.revoke',
      'token.create',
      'user.deactivate',
      'user.role_change',
      'auth.password_change',
      'user.invite_accept',
      'user.invite',
    ]);
    const byAction = Object.fromEntries(entries.map((e) => [e.action, e]));
    expect(byAction['user.invite']).toMatchObject({
      target: `user:${id}`,
      details: { email: 'new@example.com', role: 'board' },
      user: { email: 'auditor@example.com' },
    });
    expect(defined(byAction['user.role_change']).details).toEqual({ from: 'board', to: 'executive' });
    expect(byAction['token.create']).toMatchObject({ target: `token:${token.id}`, details: { name: 'crm' } });
    expect(byAction['import.start']).toMatchObject({
      target: 'leads.csv',
      details: { bytes: expect.any(Number) },
    });
    const stored = JSON.stringify(await t.handle.db.select().from(auditLog));
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(invited.token);
    expect(stored).not.toContain(token.token);
  });

  it('pages newest first and filters by action', async () => {
    const { total } = await read();
    const first = await read('?page=1&pageSize=3');
    const second = await read('?page=2&pageSize=3');
    expect(first).toMatchObject({ page: 1, pageSize: 3, total });
    expect(first.entries).toHaveLength(3);
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6);
    const tokens = await read('?action=token.create');
    expect(tokens.total).toBe(1);
    expect(tokens.entries.map((e) => e.action)).toEqual(['token.create']);
    expect((await read('?page=999')).entries).toEqual([]);
    for (const bad of ['?pageSize=1000', '?page=0', "?action=x'; drop table users"]) {
      const res = await t.app.request(`/api/audit${bad}`, { headers: { cookie: admin } });
      expect(res.status, bad).toBe(400);
    }
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const [entry] = await t.handle.db.select().from(auditLog).limit(1);
    const refused = async (statement: () => Promise<unknown>) => {
      const error = await statement().then(
        () => null,
        (e: unknown) => e as { message: string; cause?: { message: string } },
      );
      expect(error, 'the statement should fail').not.toBeNull();
      expect(defined(error).cause?.message ?? defined(error).message).toMatch(/audit_log is append-only/);
    };
    await refused(() =>
      t.handle.db
        .update(auditLog)
        .set({ action: 'forged' })
        .where(eq(auditLog.id, defined(entry).id)),
    );
    // Clearing the user id is the foreign key's job when a user is deleted (below), never a statement's.
    await refused(() =>
      t.handle.db
        .update(auditLog)
        .set({ userId: null })
        .where(eq(auditLog.id, defined(entry).id)),
    );
    await refused(() => t.handle.db.delete(auditLog).where(eq(auditLog.id, defined(entry).id)));
    await refused(() => t.handle.db.execute(sql`truncate audit_log`));
    const [after] = await t.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.id, defined(entry).id));
    expect(defined(after).action).toBe(defined(entry).action);
  });

  it('keeps a deleted user’s entries, without the user id', async () => {
    const id = await addUser(t.handle.db, 'gone@example.com', secret, 'board');
    await t.app.request('/api/auth/login', send('POST', { email: 'gone@example.com', password: secret }));
    const count = async () =>
      defined(
        (
          await t.handle.db
            .select({ n: sql<number>`count(*)::int` })
            .from(auditLog)
            .where(eq(auditLog.target, `user:${id}`))
        )[0],
      ).n;
    expect(await count()).toBe(1);
    await t.handle.db.delete(users).where(eq(users.id, id));
    expect(await count()).toBe(1);
    const [entry] = await t.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, `user:${id}`));
    expect(defined(entry).userId).toBeNull();
  });
});
