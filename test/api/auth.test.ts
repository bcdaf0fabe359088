import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const json = (body: unknown, extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...extra },
  body: JSON.stringify(body),
});

describeOnBackend('health and sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t?.close());

  it('reports health without a session, naming the driver', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: t.handle.driver, version: 'test' });
    expect(res.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('asks for the first admin account on an empty database, then never again', async () => {
    const status = await (await t.app.request('/api/auth/status')).json();
    expect(status).toEqual({ needsSetup: true, demoAccount: null });
    const weak = await t.app.request(
      '/api/auth/setup',
      json({ email: 'admin@example.com', password: 'short' }),
    );
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.details[0].path).toBe('password');
    const ok = await t.app.request(
      '/api/auth/setup',
      json({ email: 'Admin@Example.com', password: 'a long enough secret', name: 'Ada' }),
    );
    expect(ok.status).toBe(201);
    expect(ok.headers.get('set-cookie')).toMatch(/sr_session=.*HttpOnly.*SameSite=Lax/i);
    const again = await t.app.request(
      '/api/auth/setup',
      json({ email: 'eve@example.com', password: 'another long secret' }),
    );
    expect(again.status).toBe(409);
    expect((await (await t.app.request('/api/auth/status')).json()).needsSetup).toBe(false);
  });

  it('signs in, knows who is signed in, and signs out for good', async () => {
    const cookie = await signedInCookie(t, 'cmo@example.com', 'pipeline is king');
    const me = await t.app.request('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ email: 'cmo@example.com', role: 'executive' });
    const out = await t.app.request('/api/auth/logout', json({}, { cookie }));
    expect(out.status).toBe(200);
    const after = await t.app.request('/api/auth/me', { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('refuses a wrong password or unknown email with 401 and the error envelope', async () => {
    await addUser(t.handle.db, 'board@example.com', 'board member pass', 'board');
    for (const body of [
      { email: 'board@example.com', password: 'wrong' },
      { email: 'nobody@example.com', password: 'board member pass' },
    ]) {
      const res = await t.app.request('/api/auth/login', json(body));
      expect(res.status).toBe(401);
      const { error } = await res.json();
      expect(error).toMatchObject({ code: 'unauthorized', message: 'wrong email or password' });
      expect(error.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(error.requestId).toBe(res.headers.get('x-request-id'));
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('rejects malformed sign-in bodies with 400 naming the field', async () => {
    const res = await t.app.request('/api/auth/login', json({ email: 'not-an-email', password: '' }));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('bad_request');
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'password']);
  });

  it('refuses a forged cross-site form post', async () => {
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: 'email=a@b.c&password=x',
    });
    expect(res.status).toBe(403);
  });

  it('refuses metrics without a session or with a forged cookie', async () => {
    for (const headers of [{}, { cookie: 'sr_session=srs_forged' }] as Record<string, string>[]) {
      const res = await t.app.request('/api/metrics/overview', { headers });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
  });

  it('answers unknown API routes with a 404 envelope', async () => {
    const res = await t.app.request('/api/nope');
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});
