import { accessFor, pageRoles, roleMay, roles, rolesFor } from '@salesready/api/auth/role-matrix';
import { hashToken } from '@salesready/api/auth/tokens';
import { defined } from '@salesready/db/defined';
import { sessions } from '@salesready/db/schema/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

// Every route is enumerated from the app itself, so a new route cannot escape these checks. Who may
// call each is the role matrix's answer (api/src/auth/role-matrix.ts), the table the API's guard and the
// web app's navigation read too; its main lines are stated here in words as well.
const routeOf = (route: string) => route.split(' ') as [string, string];
const access = (route: string) => accessFor(...routeOf(route));
const isPublic = (route: string) => access(route) === 'public';
const isCredential = (route: string) => access(route) === 'credential';
const isShare = (route: string) => access(route) === 'share';
// The scheduler's tick takes the CRON_SECRET bearer credential, never a session (docs/decisions/0020).
const cronRoutes = /^\/api\/jobs\/tick$/;
const isWrite = (method: string) => method !== 'GET';
// Routes that end the caller's own session: the role signs in again after them.
const endsSession = new Set(['POST /api/auth/sessions/revoke-all']);

type Role = (typeof roles)[number];

/** Which roles may use a route, as the matrix says. */
const allowed = (route: string, role: Role) => roleMay(role, ...routeOf(route));

describe('the role matrix', () => {
  it('opens only sign-in, health and the API description without a credential', () => {
    const open = [
      'GET /api/health',
      'GET /api/auth/status',
      'POST /api/auth/login',
      'POST /api/auth/setup',
      'POST /api/auth/logout',
      'POST /api/auth/accept-invite',
      'POST /api/auth/totp/verify',
      'GET /api/auth/sso/start',
      'GET /api/auth/sso/callback',
      'GET /api/openapi.json',
    ];
    for (const route of open) expect(isPublic(route), route).toBe(true);
    for (const route of ['GET /api/auth/me', 'POST /api/auth/totp/setup', 'GET /api/metrics/overview'])
      expect(isPublic(route), route).toBe(false);
    expect(isCredential('POST /api/ingest/leads')).toBe(true);
    expect(isShare('GET /api/share/:token')).toBe(true);
  });

  it('gives the admin areas to admins only, lets the board read and never write, and everyone look after their own account', () => {
    for (const route of [
      'GET /api/users',
      'POST /api/imports',
      'GET /api/tokens',
      'GET /api/audit',
      'PUT /api/settings',
      'PUT /api/settings/sso',
      'GET /api/settings/sso',
      'PATCH /api/sources/:id',
      'POST /api/reports/freeze',
    ])
      expect(rolesFor(...routeOf(route)), route).toEqual(['admin']);
    expect(rolesFor('PUT', '/api/targets')).toEqual(['admin', 'executive']);
    expect(rolesFor('GET', '/api/spend')).toEqual(['admin', 'executive']);
    expect(rolesFor('POST', '/api/spend/import')).toEqual(['admin', 'executive']);
    expect(rolesFor('POST', '/api/some/new/write')).toEqual(['admin', 'executive']);
    expect(rolesFor('GET', '/api/exports/leads.csv')).toEqual(['admin', 'executive', 'board']);
    for (const route of [
      'POST /api/auth/password',
      'POST /api/auth/totp/enable',
      'POST /api/auth/sessions/revoke-all',
    ])
      expect(rolesFor(...routeOf(route)), route).toEqual(['admin', 'executive', 'board']);
  });

  it('shows each page of the web app to the roles its route lets through', () => {
    expect(pageRoles('imports')).toEqual(['admin']);
    expect(pageRoles('settings.users')).toEqual(['admin']);
    expect(pageRoles('settings.sso')).toEqual(['admin']);
    expect(pageRoles('settings.targets')).toEqual(['admin', 'executive']);
    expect(pageRoles('settings.security')).toEqual(['admin', 'executive', 'board']);
  });
});

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
    cookies[role] = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
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
      userId: defined(admin).userId,
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const { method, path, route } of routes) {
      if (isPublic(route) || isShare(route)) continue;
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
    for (const { method, path } of routes.filter((r) => isCredential(r.route))) {
      expect((await send(method, path, { cookie: cookies.admin })).status).toBe(401);
      // A wrong API token is no credential (401); a wrong cron secret is refused as not the server's (403).
      const wrong = await send(method, path, { authorization: 'Bearer srt_wrong' });
      expect(wrong.status, `${method} ${path}`).toBe(path.startsWith('/api/jobs/') ? 403 : 401);
    }
  });

  it('takes only the cron secret on the tick, never a session', async () => {
    const tick = routes.filter((r) => cronRoutes.test(r.path));
    expect(tick.map((r) => r.method).sort()).toEqual(['GET', 'POST']);
    for (const { method, path } of tick) {
      const res = await send(method, path, { cookie: cookies.admin });
      expect(res.status).toBe(401);
      expect((await res.json()).error.message).toMatch(/Bearer <CRON_SECRET>/);
    }
  });

  it('opens a share route only with a live link, never with a session or a forged token', async () => {
    const share = routes.filter((r) => isShare(r.route));
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
      if (isPublic(route) || isCredential(route) || isShare(route)) continue;
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
    for (const { method, path, route } of routes.filter((r) => isWrite(r.method) && !isCredential(r.route))) {
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
