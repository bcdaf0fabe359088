import { hashToken } from '@salesready/api/auth/tokens';
import { sessions } from '@salesready/db/schema/index';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Every route is enumerated from the app itself, so a new route cannot escape these checks.
const publicRoutes = new Set([
  'GET /api/health',
  'GET /api/auth/status',
  'POST /api/auth/login',
  'POST /api/auth/setup',
  'POST /api/auth/logout',
  'POST /api/auth/accept-invite',
  'GET /api/openapi.json',
]);
const tokenRoutes = /^\/api\/ingest\//;
// A share link is its own credential: without a live one these answer the uniform 404, session or not.
const shareRoutes = /^\/api\/share\//;
const adminOnly = (route: string) =>
  /^\w+ \/api\/(imports|tokens|users|audit)(\/|$)/.test(route) ||
  [
    'PUT /api/settings',
    'PATCH /api/sources/:id',
    'POST /api/sources/match',
    'PUT /api/sources/aliases',
    'POST /api/sources/:id/merge',
    'POST /api/metrics/alerts/run',
    'POST /api/reports/freeze',
    'POST /api/settings/demo/remove',
  ].includes(route);
const isWrite = (method: string) => method !== 'GET';
// Every signed-in user manages their own password and sessions, the board too.
const selfService = new Set(['POST /api/auth/password', 'POST /api/auth/sessions/revoke-all']);
// Routes that end the caller's own session: the role signs in again after them.
const endsSession = new Set(['POST /api/auth/sessions/revoke-all']);

const roles = ['admin', 'executive', 'board'] as const;
type Role = (typeof roles)[number];

/** Which roles may use a route: the board reads only; admin areas are the admin's. */
function allowed(route: string, role: Role): boolean {
  const method = route.split(' ')[0]!;
  if (adminOnly(route)) return role === 'admin';
  if (selfService.has(route)) return true;
  if (isWrite(method)) return role !== 'board';
  return true;
}

describeOnBackend('every route refuses a missing or wrong credential, and a role that may not act', () => {
  let t: TestApp;
  const cookies = {} as Record<Role, string>;
  let routes: { method: string; path: string; route: string }[];

  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    t.app.request(path.replace(/:(\w+)/g, '1'), {
      method,
      headers: {
        origin: 'http://localhost',
        ...(isWrite(method) && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(isWrite(method) && { body: '{}' }),
    });

  const signIn = async (role: Role) => {
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@example.com`, password: 'a long test password' }),
    });
    cookies[role] = res.headers.get('set-cookie')!.split(';')[0]!;
  };

  beforeAll(async () => {
    t = await openTestApp();
    for (const role of roles) {
      await addUser(t.handle.db, `${role}@example.com`, 'a long test password', role);
      await signIn(role);
    }
    routes = t.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => ({ method: r.method, path: r.path, route: `${r.method} ${r.path}` }))
      .filter((r, i, all) => all.findIndex((o) => o.route === r.route) === i);
  });
  afterAll(() => t?.close());

  it('finds the routes to check', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => r.route)).toContain('GET /api/metrics/overview');
  });

  it('refuses every private route without a credential, with a forged cookie and with an expired session', async () => {
    const expiredToken = 'srs_expired-session-token';
    const [admin] = await t.handle.db.select().from(sessions).limit(1);
    await t.handle.db.insert(sessions).values({
      tokenHash: hashToken(expiredToken),
      userId: admin!.userId,
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const { method, path, route } of routes) {
      if (publicRoutes.has(route) || shareRoutes.test(path)) continue;
      for (const headers of [
        {},
        { cookie: 'sr_session=srs_forged' },
        { cookie: `sr_session=${expiredToken}` },
      ] as Record<string, string>[]) {
        const res = await send(method, path, headers);
        expect(res.status, `${route} with ${JSON.stringify(headers)}`).toBe(401);
        expect((await res.json()).error.code).toBe('unauthorized');
      }
    }
  });

  it('takes only an API token on the ingestion routes, never a session', async () => {
    for (const { method, path } of routes.filter((r) => tokenRoutes.test(r.path))) {
      expect((await send(method, path, { cookie: cookies.admin })).status).toBe(401);
      expect((await send(method, path, { authorization: 'Bearer srt_wrong' })).status).toBe(401);
    }
  });

  it('opens a share route only with a live link, never with a session or a forged token', async () => {
    const share = routes.filter((r) => shareRoutes.test(r.path));
    expect(share.length).toBeGreaterThan(0);
    for (const { method, path, route } of share) {
      for (const headers of [{}, { cookie: cookies.admin }] as Record<string, string>[]) {
        const res = await send(method, path, headers);
        expect(res.status, `${route} with ${JSON.stringify(headers)}`).toBe(404);
        expect((await res.json()).error.code).toBe('not_found');
      }
    }
  });

  it('lets each role do what it may, and refuses the rest with 403', async () => {
    for (const { method, path, route } of routes) {
      if (publicRoutes.has(route) || tokenRoutes.test(path) || shareRoutes.test(path)) continue;
      for (const role of roles) {
        const res = await send(method, path, { cookie: cookies[role] });
        // An allowed role gets an answer, never a refusal; with an empty body a validation error, never a crash.
        if (allowed(route, role)) expect([401, 403, 500], `${role} ${route}`).not.toContain(res.status);
        else {
          expect(res.status, `${role} ${route}`).toBe(403);
          expect((await res.json()).error.code).toBe('forbidden');
        }
        if (endsSession.has(route) && allowed(route, role)) await signIn(role);
      }
    }
  });

  it('refuses a forged cross-site write that carries a valid session', async () => {
    for (const { method, path, route } of routes.filter(
      (r) => isWrite(r.method) && !tokenRoutes.test(r.path),
    )) {
      const res = await t.app.request(path.replace(/:(\w+)/g, '1'), {
        method,
        headers: {
          cookie: cookies.admin,
          origin: 'https://evil.example',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'a=1',
      });
      expect(res.status, route).toBe(403);
    }
  });
});
