import { hashToken } from '@salesready/api/auth/tokens';
import { defined } from '@salesready/db/defined';
import { invites, sessions, users } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookieFor } from '../helpers/import-http';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const send = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', origin: 'http://localhost', ...headers },
  body: JSON.stringify(body),
});

describeOnBackend('users: invite, accept, change a role, deactivate', () => {
  let t: TestApp;
  let admin: string;
  let adminId: number;
  beforeAll(async () => {
    t = await openTestApp();
    admin = await cookieFor(t, 'root@example.com', 'admin');
    adminId = defined((await t.handle.db.select().from(users))[0]).id;
  });
  afterAll(() => t?.close());

  const invite = async (body: unknown) =>
    t.app.request('/api/users/invite', send('POST', body, { cookie: admin }));
  const accept = async (body: unknown, headers: Record<string, string> = {}) =>
    t.app.request('/api/auth/accept-invite', send('POST', body, headers));
  const patch = async (id: number, body: unknown, cookie = admin) =>
    t.app.request(`/api/users/${id}`, send('PATCH', body, { cookie }));
  const list = async () =>
    (await (await t.app.request('/api/users', { headers: { cookie: admin } })).json()).users;

  it('invites a user: a one-time token shown once, stored hashed, valid for 7 days', async () => {
    const res = await invite({ email: 'Exec@Example.com', name: 'Eve', role: 'executive' });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.user).toMatchObject({ email: 'exec@example.com', name: 'Eve', role: 'executive' });
    expect(body.user).toMatchObject({ active: false, invited: true, lastSignInAt: null });
    expect(body.token).toMatch(/^srv_[\w-]{40,}$/);
    const days = (new Date(body.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const [stored] = await t.handle.db.select().from(invites).where(eq(invites.userId, body.user.id));
    expect(defined(stored).tokenHash).toBe(hashToken(body.token));
    expect(JSON.stringify(await list())).not.toContain(body.token);
    const listed = (await list()).find((u: { id: number }) => u.id === body.user.id);
    expect(listed).toMatchObject({ invited: true, active: false });
    expect(listed.inviteExpiresAt).toBe(body.expiresAt);

    // Not yet accepted: no sign-in, whatever the password.
    const login = await t.app.request(
      '/api/auth/login',
      send('POST', { email: 'exec@example.com', password: 'decoy-password-for-unknown-emails' }),
    );
    expect(login.status).toBe(401);
  });

  it('accepts an invitation once: sets the password, activates, signs in', async () => {
    const { token, user } = await (
      await invite({ email: 'board1@example.com', name: 'Bo', role: 'board' })
    ).json();
    const weak = await accept({ token, password: 'short' });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.details[0].path).toBe('password');

    const res = await accept({ token, password: 'a board member secret', name: 'Bo Board' });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toEqual({
      id: user.id,
      email: 'board1@example.com',
      name: 'Bo Board',
      role: 'board',
    });
    const cookie = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
    const me = await t.app.request('/api/auth/me', { headers: { cookie } });
    expect((await me.json()).user.email).toBe('board1@example.com');
    const listed = (await list()).find((u: { id: number }) => u.id === user.id);
    expect(listed).toMatchObject({ active: true, invited: false, inviteExpiresAt: null });
    expect(listed.lastSignInAt).not.toBeNull();

    const again = await accept({ token, password: 'another long secret' });
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatchObject({
      code: 'bad_request',
      message: 'this invitation has already been used; sign in instead',
    });
    const login = await t.app.request(
      '/api/auth/login',
      send('POST', { email: 'board1@example.com', password: 'a board member secret' }),
    );
    expect(login.status).toBe(200);
  });

  it('refuses an expired, unknown or replaced invitation with a clear 400', async () => {
    const first = await (await invite({ email: 'late@example.com', role: 'executive' })).json();
    await t.handle.db
      .update(invites)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invites.userId, first.user.id));
    const expired = await accept({ token: first.token, password: 'a long enough secret' });
    expect(expired.status).toBe(400);
    expect((await expired.json()).error.message).toBe(
      'this invitation has expired; ask an admin for a new one',
    );

    const unknown = await accept({ token: 'srv_not-a-real-token', password: 'a long enough secret' });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toMatch(/^this invitation link is not valid/);

    // Inviting again renews it: a new link works, the old one no longer does.
    const second = await (await invite({ email: 'late@example.com', role: 'board' })).json();
    expect(second.user.id).toBe(first.user.id);
    expect(second.user.role).toBe('board');
    expect((await accept({ token: first.token, password: 'a long enough secret' })).status).toBe(400);
    expect((await accept({ token: second.token, password: 'a long enough secret' })).status).toBe(200);
  });

  it('refuses to invite an email that already has an account, and bad input', async () => {
    const taken = await invite({ email: 'ROOT@example.com', name: 'x', role: 'admin' });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.details[0].path).toBe('email');
    const bad = await invite({ email: 'nope', role: 'owner' });
    expect(bad.status).toBe(400);
    const paths = (await bad.json()).error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['email', 'role']);
  });

  it('changes a role; a signed-in user gets the new role on the next request', async () => {
    const exec = await cookieFor(t, 'promote@example.com', 'executive');
    const [row] = await t.handle.db.select().from(users).where(eq(users.email, 'promote@example.com'));
    expect((await t.app.request('/api/users', { headers: { cookie: exec } })).status).toBe(403);
    const res = await patch(defined(row).id, { role: 'admin' });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ role: 'admin', active: true });
    expect((await t.app.request('/api/users', { headers: { cookie: exec } })).status).toBe(200);
    expect((await patch(defined(row).id, { role: 'board' })).status).toBe(200);
  });

  it('deactivating signs the user out everywhere and stops sign-in; reactivating lets them back', async () => {
    const cookie = await cookieFor(t, 'leaver@example.com', 'executive');
    const [row] = await t.handle.db.select().from(users).where(eq(users.email, 'leaver@example.com'));
    const res = await patch(defined(row).id, { active: false });
    expect(res.status).toBe(200);
    expect((await res.json()).user.active).toBe(false);
    expect(
      await t.handle.db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, defined(row).id)),
    ).toEqual([]);
    expect((await t.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
    const login = () =>
      t.app.request(
        '/api/auth/login',
        send('POST', { email: 'leaver@example.com', password: 'a long test password' }),
      );
    expect((await login()).status).toBe(401);
    expect((await patch(defined(row).id, { active: true })).status).toBe(200);
    expect((await login()).status).toBe(200);
  });

  it('never demotes or deactivates the last active admin', async () => {
    const admins = await t.handle.db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.role} = 'admin' and ${users.active}`);
    // Only root and "promote" (now board) were admins: demote every other admin first.
    for (const a of admins)
      if (a.id !== adminId) expect((await patch(a.id, { role: 'board' })).status).toBe(200);
    for (const body of [{ role: 'executive' }, { active: false }]) {
      const res = await patch(adminId, body);
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toBe(
        'root@example.com is the last active admin: make another user admin first',
      );
    }
    // With a second admin, the first may step down.
    const other = await cookieFor(t, 'second-admin@example.com', 'admin');
    expect((await patch(adminId, { role: 'executive' }, other)).status).toBe(200);
    const [second] = await t.handle.db
      .select()
      .from(users)
      .where(eq(users.email, 'second-admin@example.com'));
    expect((await patch(defined(second).id, { active: false }, other)).status).toBe(409);
    expect((await patch(adminId, { role: 'admin' }, other)).status).toBe(200);
  });

  it('answers 404 for an unknown user, 409 for activating an unaccepted invitation, 400 for no change', async () => {
    const missing = await patch(999_999, { role: 'board' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
    const pending = await (await invite({ email: 'pending@example.com', role: 'board' })).json();
    expect((await patch(pending.user.id, { active: true })).status).toBe(409);
    expect((await patch(pending.user.id, {})).status).toBe(400);
    expect((await patch(pending.user.id, { role: 'board', email: 'x@y.z' })).status).toBe(400);
    // Deactivating a pending invitation withdraws it.
    expect((await patch(pending.user.id, { active: false })).status).toBe(200);
    expect((await accept({ token: pending.token, password: 'a long enough secret' })).status).toBe(400);
  });
});
