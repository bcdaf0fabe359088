import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rawRequest } from '../helpers/raw-http';
import { startServerOnBackend } from '../helpers/server-on-backend';
import type { RunningServer } from '../helpers/server-process';
import { describeOnBackend } from '../helpers/test-db';

const webSource = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../web/src/${path}`, import.meta.url)), 'utf8');

/** Every page of the web app, read off its router (and the settings tabs), plus its two patterns. */
function appRoutes(): string[] {
  const pages = [...webSource('app/app.tsx').matchAll(/path: '(\/[^']*)'/g)].map((m) => defined(m[1]));
  const tabsFile = webSource('features/settings/settings-tabs.ts');
  const tabs = [...(/settingsTabs = \[([^\]]*)\]/.exec(tabsFile)?.[1] ?? '').matchAll(/'([\w-]+)'/g)];
  const settings = tabs.map((m) => (m[1] === 'general' ? '/settings' : `/settings/${m[1]}`));
  expect(pages.length).toBeGreaterThan(10);
  expect(settings.length).toBeGreaterThan(1);
  return [...pages, ...settings, '/leads/1', '/share/srl_unknown', '/no-such-page'];
}

function expectSecurityHeaders(res: { headers: Headers }, what: string, options: { cache?: boolean } = {}) {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("default-src 'self'");
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('x-request-id'), what).toMatch(/\S/);
  if (options.cache !== false) expect(res.headers.get('cache-control'), what).toBe('no-store');
}

describeOnBackend('security headers on every response of the real Node server', () => {
  let server: RunningServer;
  let cookie = '';
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is free-form JSON
  let doc: any;
  const origin = () => server.url;

  beforeAll(async () => {
    server = await startServerOnBackend({ CRON_SECRET: 'headers-test-cron-secret-0123' });
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    expect(setup.status).toBe(201);
    cookie = defined(defined(setup.headers.get('set-cookie')).split(';')[0]);
    doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
  }, 240_000);
  afterAll(() => server?.stop());

  const operations = () =>
    Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
  // Routes that end the session they are sent with go last.
  const endsSession = (path: string) => /\/(logout|revoke-all)$/.test(path);

  it('every operation of the OpenAPI document, signed in and not, answers with the headers', async () => {
    const ops = operations().sort((a, b) => Number(endsSession(a.path)) - Number(endsSession(b.path)));
    expect(ops.length).toBeGreaterThan(40);
    const statuses = new Set<number>();
    for (const signedIn of [false, true]) {
      for (const { method, path } of ops) {
        const url = `${server.url}${path.replace(/\{\w+\}/g, '1')}`;
        const res = await fetch(url, {
          method,
          headers: {
            origin: origin(),
            ...(signedIn && { cookie }),
            ...(method !== 'GET' && { 'content-type': 'application/json' }),
          },
          ...(method !== 'GET' && { body: '{}' }),
        });
        await res.arrayBuffer();
        statuses.add(res.status);
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        expectSecurityHeaders(
          res,
          `${signedIn ? 'signed in' : 'anonymous'} ${method} ${path} → ${res.status}`,
        );
      }
    }
    // The walk met answers of every kind: 200s, 400s, 401s and 404s.
    expect([...statuses]).toEqual(expect.arrayContaining([200, 400, 401, 404]));
  });

  it('a live share link, unknown API paths, refused hosts and cross-origin writes carry them too', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    cookie = defined(defined(login.headers.get('set-cookie')).split(';')[0]);
    const link = await fetch(`${server.url}/api/reports/share-links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin(), cookie },
      body: JSON.stringify({ quarter: '2026-Q1', days: 7 }),
    });
    expect(link.status).toBe(201);
    const { token } = await link.json();
    const share = await fetch(`${server.url}/api/share/${token}`);
    expect(share.status).toBe(200);
    expectSecurityHeaders(share, 'share view');
    const checks: [string, RequestInit, number][] = [
      ['/api/no-such-route', {}, 404],
      ['/api/health', { headers: { host: 'rebound.example' } }, 421],
      [
        '/api/auth/login',
        {
          method: 'POST',
          headers: { origin: 'http://attacker.example', 'content-type': 'application/json' },
          body: '{}',
        },
        403,
      ],
    ];
    for (const [path, init, status] of checks) {
      // Node's own client: fetch would replace the Host header.
      const res = await rawRequest(`${server.url}${path}`, {
        method: init.method,
        headers: init.headers as Record<string, string>,
        body: init.body as string | undefined,
      });
      expect(res.status, path).toBe(status);
      expectSecurityHeaders(res, path);
      expect(JSON.parse(res.text).error.message, path).toMatch(/\S/);
    }
  });

  it('the built app’s hashed assets keep their long cache, with the security headers', async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    const asset = /(?:src|href)="(\/assets\/[^"]+)"/.exec(page)?.[1];
    if (!asset) return; // `pnpm build` has not run: the pages above answered 503 with a hint.
    const res = await fetch(`${server.url}${asset}`);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(res, asset, { cache: false });
  });

  it('every page of the web app answers with the headers, and is not cached', async () => {
    for (const path of appRoutes()) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      // The built app's page; 503 with a hint when `pnpm build` has not run.
      expect([200, 503], path).toContain(res.status);
      expectSecurityHeaders(res, path);
    }
  });
});
