import { createApp } from '@salesready/api/app';
import { hashToken } from '@salesready/api/auth/tokens';
import { defined } from '@salesready/db/defined';
import { sessions } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: 'http://localhost', ...headers },
  body: JSON.stringify(body),
});
const tokenOf = (cookie: string) => cookie.slice('sr_session='.length);

describeOnBackend('sessions: rotation, expiry, listing, sign out everywhere, password change', () => {
  let t: TestApp;
  const password = 'a long test password';
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t?.close());

  const login = async (email: string, pass = password, headers: Record<string, string> = {}) => {
    const res = await t.app.request('/api/auth/login', post({ email, password: pass }, headers));
    expect(res.status, await res.clone().text()).toBe(200);
    return defined(defined(res.headers.get('set-cookie')).split(';')[0]);
  };
  const me = (cookie: string) => t.app.request('/api/auth/me', { headers: { cookie } });
  const sessionRow = async (cookie: string) =>
    (
      await t.handle.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, hashToken(tokenOf(cookie))))
    )[0];

  it('issues a new token at every sign-in and ends the session of the cookie it replaces', async () => {
    await addUser(t.handle.db, 'rotate@example.com', password, 'executive');
    const first = await login('rotate@example.com');
    const second = await login('rotate@example.com', password, { cookie: first });
    expect(second).not.toBe(first);
    expect(await sessionRow(first)).toBeUndefined();
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(200);
    // A session fixed in the browser beforehand (another user's, even) never survives a sign-in.
    const third = await login('rotate@example.com', password, { cookie: 'sr_session=srs_planted' });
    expect(third).not.toBe('sr_session=srs_planted');
  });

  it('refuses a session idle for more than 12 hours, and one past its absolute expiry, with 401', async () => {
    await addUser(t.handle.db, 'expiry@example.com', password, 'board');
    const idle = await login('expiry@example.com');
    await t.handle.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 12 * 3600_000 - 60_000) })
      .where(eq(sessions.tokenHash, hashToken(tokenOf(idle))));
    const idleRes = await me(idle);
    expect(idleRes.status).toBe(401);
    expect((await idleRes.json()).error.code).toBe('unauthorized');

    const old = await login('expiry@example.com');
    // Seen a minute ago, so not idle; but 7 days have passed since sign-in.
    await t.handle.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.tokenHash, hashToken(tokenOf(old))));
    expect((await me(old)).status).toBe(401);
    expect((await t.app.request('/api/metrics/overview', { headers: { cookie: old } })).status).toBe(401);

    // Just inside the idle limit it still works, and the use is recorded.
    const active = await login('expiry@example.com');
    const elevenHours = new Date(Date.now() - 11 * 3600_000);
    await t.handle.db
      .update(sessions)
      .set({ lastSeenAt: elevenHours })
      .where(eq(sessions.tokenHash, hashToken(tokenOf(active))));
    expect((await me(active)).status).toBe(200);
    expect(defined(await sessionRow(active)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('sets the cookie HttpOnly, SameSite=Lax, and Secure when the app is not on localhost', async () => {
    await addUser(t.handle.db, 'secure@example.com', password, 'board');
    const plain = await t.app.request('/api/auth/login', post({ email: 'secure@example.com', password }));
    expect(plain.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);
    const secureApp = createApp({
      db: t.handle.db,
      driver: t.handle.driver,
      version: 'test',
      demo: false,
      secureCookies: true,
    });
    const res = await secureApp.request('/api/auth/login', post({ email: 'secure@example.com', password }));
    expect(res.headers.get('set-cookie')).toMatch(/sr_session=srs_[^;]+;.*HttpOnly.*Secure.*SameSite=Lax/i);
  });

  it('lists your own sessions, marking the current one, and never another user’s', async () => {
    await addUser(t.handle.db, 'many@example.com', password, 'executive');
    await addUser(t.handle.db, 'other@example.com', password, 'executive');
    const a = await login('many@example.com');
    await login('many@example.com');
    await login('other@example.com');
    const res = await t.app.request('/api/auth/sessions', { headers: { cookie: a } });
    expect(res.status).toBe(200);
    const list = (await res.json()).sessions as { current: boolean; createdAt: string; lastSeenAt: string }[];
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    for (const s of list) {
      expect(Object.keys(s).sort()).toEqual(['createdAt', 'current', 'expiresAt', 'lastSeenAt']);
    }
  });

  it('signs out everywhere: every session of the user ends, the cookie is cleared', async () => {
    await addUser(t.handle.db, 'everywhere@example.com', password, 'board');
    const laptop = await login('everywhere@example.com');
    const phone = await login('everywhere@example.com');
    const res = await t.app.request('/api/auth/sessions/revoke-all', post({}, { cookie: phone }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: 2 });
    expect(res.headers.get('set-cookie')).toMatch(/sr_session=;/);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(phone)).status).toBe(401);
  });

  it('changes the password with the current one, ending the other sessions but not this one', async () => {
    await addUser(t.handle.db, 'change@example.com', password, 'board');
    const other = await login('change@example.com');
    const here = await login('change@example.com');
    const wrong = await t.app.request(
      '/api/auth/password',
      post({ currentPassword: 'not my password', newPassword: 'a brand new secret' }, { cookie: here }),
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.details).toEqual([{ path: 'currentPassword', message: 'is wrong' }]);
    const weak = await t.app.request(
      '/api/auth/password',
      post({ currentPassword: password, newPassword: 'short' }, { cookie: here }),
    );
    expect(weak.status).toBe(400);
    const res = await t.app.request(
      '/api/auth/password',
      post({ currentPassword: password, newPassword: 'a brand new secret' }, { cookie: here }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, revokedSessions: 1 });
    expect((await me(other)).status).toBe(401);
    expect((await me(here)).status).toBe(200);
    const oldLogin = await t.app.request('/api/auth/login', post({ email: 'change@example.com', password }));
    expect(oldLogin.status).toBe(401);
    await login('change@example.com', 'a brand new secret');
  });
});
