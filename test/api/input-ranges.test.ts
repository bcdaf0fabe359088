import { createShareLink } from '@salesready/api/reports/share-links';
import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { serveTestApp } from '../helpers/serve-test-app';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const rangeMessage = 'from 1970-Q1 to 2100-Q4';

describeOnBackend('quarters, dates and ids outside what the product supports are 4xx, never 5xx', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  let cookie: string;
  let adminId: number;
  // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is free-form JSON
  let doc: any;

  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    t = await openTestApp();
    server = await serveTestApp(t);
    adminId = await addUser(t.handle.db, 'admin@example.com', 'a long test password', 'admin');
    const login = await send('POST', '/api/auth/login', {
      email: 'admin@example.com',
      password: 'a long test password',
    });
    cookie = defined(defined(login.headers.get('set-cookie')).split(';')[0]);
    doc = await (await send('GET', '/api/openapi.json')).json();
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('every GET that takes a quarter refuses one outside 1970–2100 with a 400 naming the range', async () => {
    const withQuarter = Object.entries(
      doc.paths as Record<string, Record<string, { parameters?: { name: string }[] }>>,
    )
      .filter(([path, ops]) => ops.get?.parameters?.some((p) => p.name === 'quarter') && !path.includes('{'))
      .map(([path]) => path);
    expect(withQuarter.length).toBeGreaterThan(20);
    for (const path of withQuarter) {
      for (const quarter of ['9999-Q4', '0000-Q1', '1969-Q4', '2101-Q1']) {
        const res = await send('GET', `${path}?quarter=${quarter}`);
        const what = `${path}?quarter=${quarter}`;
        expect(res.status, what).toBe(400);
        const { error } = await res.json();
        expect(error.code, what).toBe('bad_request');
        expect(error.message, what).toContain(rangeMessage);
      }
    }
    // The range's own ends are fine.
    for (const quarter of ['1970-Q1', '2100-Q4']) {
      expect((await send('GET', `/api/metrics/overview?quarter=${quarter}`)).status).toBe(200);
    }
  });

  it('the board pack, freezing and share links refuse such quarters; an old link for one opens nothing', async () => {
    expect((await send('GET', '/api/reports/board-pack.pdf?quarter=0000-Q1')).status).toBe(400);
    expect(
      (await send('POST', '/api/reports/freeze?quarter=0000-Q1', undefined, { origin: server.url })).status,
    ).toBe(400);
    const share = await send('POST', '/api/reports/share-links', { quarter: '9999-Q4', days: 7 });
    expect(share.status).toBe(400);
    expect((await share.json()).error.message).toContain(rangeMessage);
    // One made before quarters were checked.
    const { token } = await createShareLink(t.handle.db, { quarter: '9999-Q4', days: 7, label: '' }, adminId);
    for (const path of [`/api/share/${token}`, `/api/share/${token}/board-pack.pdf`]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it('dates from/to outside 1970–2100 are a 400 naming the range', async () => {
    const res = await send('GET', '/api/metrics/overview?from=0000-01-01&to=0000-03-01');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('from 1970-01-01 to 2100-12-31');
    expect((await send('GET', '/api/metrics/overview?from=9999-10-01&to=9999-12-31')).status).toBe(400);
  });

  it('ids beyond a 4-byte integer are refused, and the largest one is simply not found', async () => {
    const big = '2147483648';
    const cases: [string, string, unknown?][] = [
      ['GET', `/api/imports/${big}`],
      ['DELETE', `/api/tokens/${big}`],
      ['PATCH', `/api/users/${big}`, { role: 'board' }],
      ['DELETE', `/api/users/${big}`],
      ['PATCH', `/api/sources/${big}`, { category: 'marketing' }],
      ['DELETE', `/api/targets?quarter=2026-Q1&metric=leads&sourceId=${big}`],
      [
        'PUT',
        '/api/targets',
        { targets: [{ quarter: '2026-Q1', metric: 'leads', sourceId: Number(big), value: 1 }] },
      ],
    ];
    for (const [method, path, body] of cases) {
      const res = await send(method, path, body, { origin: server.url });
      expect([400, 404], `${method} ${path}`).toContain(res.status);
      const { error } = await res.json();
      expect(error.message, `${method} ${path}`).toMatch(/\S/);
    }
    expect((await send('GET', '/api/imports/2147483647')).status).toBe(404);
  });

  it('ingested records dated outside 1970–2100 are refused with their index', async () => {
    const created = await send('POST', '/api/tokens', { name: 'ingest' }, { origin: server.url });
    const { token } = await created.json();
    const ingest = (leads: unknown[]) =>
      fetch(`${server.url}/api/ingest/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ leads }),
      });
    for (const bad of ['0000-01-01', '9999-12-31T23:00:00Z', '1969-12-31T12:00:00Z', '2101-01-01']) {
      const res = await ingest([
        { externalId: 'ok', createdAt: '2026-01-05' },
        { externalId: 'bad', createdAt: '2026-01-05', mqlAt: bad },
      ]);
      expect(res.status, bad).toBe(400);
      const { error } = await res.json();
      expect(error.details, bad).toEqual([
        { path: 'leads.1.mqlAt', message: 'must fall in the years 1970 to 2100' },
      ]);
    }
    expect((await ingest([{ externalId: 'ok', createdAt: '2026-01-05' }])).status).toBe(200);
  });

  it('text holding a NUL character is a 400 naming the field, not a database error', async () => {
    const res = await send('POST', '/api/tokens', { name: 'a\u0000b' }, { origin: server.url });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details).toEqual([
      { path: 'name', message: 'may not contain the NUL character (\\u0000)' },
    ]);
  });
});
