import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generatedCsv, leadCount, rows } from '../helpers/import-files';
import { cookieFor, uploadRequest } from '../helpers/import-http';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const mapping = JSON.stringify({
  externalId: 'id',
  createdAt: 'created',
  source: 'source',
  amount: 'amount',
});

describeOnBackend('CSV import over HTTP', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await openTestApp();
    admin = await cookieFor(t, 'admin@example.com', 'admin');
  });
  afterAll(() => t?.close());

  it('imports a small file and answers 201 with the report; the import is in the history', async () => {
    const res = await t.app.request(
      '/api/imports',
      uploadRequest(admin, generatedCsv(5), { mapping, timezone: 'UTC' }),
    );
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report).toMatchObject({
      status: 'completed',
      read: 5,
      inserted: 5,
      updated: 0,
      rejected: 0,
      errors: [],
    });

    const one = await t.app.request(`/api/imports/${report.id}`, { headers: { cookie: admin } });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({
      id: report.id,
      status: 'completed',
      fileName: 'leads.csv',
      read: 5,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      userEmail: 'admin@example.com',
    });
    const history = await (await t.app.request('/api/imports', { headers: { cookie: admin } })).json();
    expect(history.imports[0]).toMatchObject({ id: report.id, status: 'completed', read: 5 });

    // The same file again: nothing new.
    const again = await (
      await t.app.request('/api/imports', uploadRequest(admin, generatedCsv(5), { mapping, timezone: 'UTC' }))
    ).json();
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    expect(await leadCount(t.handle.db)).toBe(5);
  });

  it('waits for its import even when an older client asks it not to: nothing runs after the answer', async () => {
    const csv = generatedCsv(40).replace(/^L/gm, 'B');
    const res = await t.app.request(
      '/api/imports',
      uploadRequest(admin, csv, { mapping, timezone: 'UTC', wait: 'false' }),
    );
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report).toMatchObject({ status: 'completed', read: 40, inserted: 40 });
    const state = await (
      await t.app.request(`/api/imports/${report.id}`, { headers: { cookie: admin } })
    ).json();
    expect(state).toMatchObject({ status: 'completed', read: 40, inserted: 40 });
  });

  it('reports rejected rows with line and column', async () => {
    const csv = 'id,created,amount\nR1,2024-01-01,5\nR2,someday,5\nR3,2024-01-03,lots\n';
    const fields = JSON.stringify({ externalId: 'id', createdAt: 'created', amount: 'amount' });
    const res = await t.app.request(
      '/api/imports',
      uploadRequest(admin, csv, { mapping: fields, timezone: 'UTC', originSystem: 'rej' }),
    );
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(report.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'created'],
      [4, 'amount'],
    ]);
  });

  it('previews the first rows as stored, with the detected preset, proposed mapping and date formats', async () => {
    const olist =
      'mql_id,first_contact_date,landing_page_id,origin\nm1,2018-02-01,lp1,social\nm2,2018-02-02,lp2,unknown\n';
    const res = await t.app.request('/api/imports/preview', uploadRequest(admin, olist, {}));
    expect(res.status).toBe(200);
    const preview = await res.json();
    expect(preview).toMatchObject({
      headers: ['mql_id', 'first_contact_date', 'landing_page_id', 'origin'],
      preset: 'olist-mqls',
      detectedPreset: 'olist-mqls',
      mode: 'upsert',
      problems: [],
      dateFormats: { first_contact_date: { style: 'ymd', label: 'YYYY-MM-DD' } },
    });
    expect(preview.rows).toEqual([
      {
        line: 2,
        lead: {
          externalId: 'm1',
          createdAt: '2018-02-01T00:00:00.000Z',
          mqlAt: '2018-02-01T00:00:00.000Z',
          source: 'social',
          campaign: 'lp1',
        },
        problems: [],
      },
      {
        line: 3,
        lead: {
          externalId: 'm2',
          createdAt: '2018-02-02T00:00:00.000Z',
          mqlAt: '2018-02-02T00:00:00.000Z',
          source: null,
          campaign: 'lp2',
        },
        problems: [],
      },
    ]);

    const generic = 'Lead ID,Create Date,Lead Source,Deal Amount\nG1,03/04/2024,Web,10\n';
    const guess = await (await t.app.request('/api/imports/preview', uploadRequest(admin, generic))).json();
    expect(guess.preset).toBeNull();
    expect(guess.proposedMapping).toEqual({
      externalId: 'Lead ID',
      createdAt: 'Create Date',
      source: 'Lead Source',
      amount: 'Deal Amount',
    });
    expect(guess.problems[0]).toMatchObject({ column: 'Create Date' });
    expect(guess.problems[0].message).toMatch(/D\/M and M\/D both fit/);
    const told = await (
      await t.app.request('/api/imports/preview', uploadRequest(admin, generic, { dateOrder: 'dmy' }))
    ).json();
    expect(told.rows[0].lead).toMatchObject({
      externalId: 'G1',
      createdAt: '2024-04-03T00:00:00.000Z',
      amount: 10,
    });
  });

  it('refuses bad requests with 400 naming what is wrong, storing nothing', async () => {
    const before = await leadCount(t.handle.db);
    const cases: [RequestInit, string][] = [
      [uploadRequest(admin, generatedCsv(2), { mapping: '{not json' }), 'mapping'],
      [uploadRequest(admin, generatedCsv(2), { mapping: JSON.stringify({ nonsense: 'id' }) }), 'mapping'],
      [uploadRequest(admin, generatedCsv(2), { preset: 'excel-magic' }), 'preset'],
      [uploadRequest(admin, generatedCsv(2), { mapping, timezone: 'Mars/Base' }), 'timezone'],
      [
        uploadRequest(admin, generatedCsv(2), {
          mapping: JSON.stringify({ externalId: 'lead_id', createdAt: 'created' }),
        }),
        'lead_id',
      ],
      [uploadRequest(admin, Buffer.from([0, 1, 2, 3, 0, 0, 7, 8]), { mapping }), 'file'],
      [uploadRequest(admin, '', { mapping }), 'file'],
    ];
    for (const [init, path] of cases) {
      const res = await t.app.request('/api/imports', init);
      expect(res.status, path).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('bad_request');
      expect(
        error.details.map((d: { path: string }) => d.path),
        path,
      ).toContain(path);
    }
    const noFile = await t.app.request('/api/imports', {
      method: 'POST',
      body: (() => {
        const f = new FormData();
        f.set('mapping', mapping);
        return f;
      })(),
      headers: { cookie: admin, origin: 'http://localhost' },
    });
    expect(noFile.status).toBe(400);
    const notMultipart = await t.app.request('/api/imports', {
      method: 'POST',
      body: JSON.stringify({ mapping }),
      headers: { cookie: admin, 'content-type': 'application/json', origin: 'http://localhost' },
    });
    expect(notMultipart.status).toBe(400);
    expect(await leadCount(t.handle.db)).toBe(before);
  });

  it('refuses an upload over the limit with 413 naming the limit', async () => {
    const init = uploadRequest(admin, generatedCsv(2), { mapping });
    const body = await new Request('http://localhost/', init).arrayBuffer();
    const res = await t.app.request('/api/imports', {
      method: 'POST',
      body,
      headers: {
        cookie: admin,
        origin: 'http://localhost',
        'content-type': defined(
          new Request('http://localhost/', uploadRequest(admin, '', {})).headers.get('content-type'),
        ),
        'content-length': String(3 * 1024 ** 3),
      },
    });
    expect(res.status).toBe(413);
    const { error } = await res.json();
    expect(error).toMatchObject({
      code: 'payload_too_large',
      message:
        'the file is over the import limit of 4 MB for one request; send larger files in chunks: POST /api/imports/uploads, then PUT /api/imports/{id}/chunks/{n}',
    });
  });

  it('accepts a JSON body over 1 MB nowhere else', async () => {
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(1100 * 1024) }),
    });
    expect(res.status).toBe(413);
  });

  it('is for admins only: 401 without a session, 403 for other roles, 403 cross-site', async () => {
    const executive = await cookieFor(t, 'exec@example.com', 'executive');
    const board = await cookieFor(t, 'board@example.com', 'board');
    for (const [path, method] of [
      ['/api/imports', 'GET'],
      ['/api/imports/1', 'GET'],
      ['/api/imports', 'POST'],
      ['/api/imports/preview', 'POST'],
      ['/api/tokens', 'GET'],
      ['/api/tokens', 'POST'],
      ['/api/tokens/1', 'DELETE'],
    ] as const) {
      const call = (cookie?: string) =>
        t.app.request(path, {
          method,
          headers: {
            origin: 'http://localhost',
            'content-type': 'application/json',
            ...(cookie && { cookie }),
          },
          ...(method !== 'GET' && { body: '{}' }),
        });
      expect((await call()).status, `${method} ${path}`).toBe(401);
      expect((await call(executive)).status, `${method} ${path}`).toBe(403);
      expect((await call(board)).status, `${method} ${path}`).toBe(403);
    }
    const forged = await t.app.request('/api/imports', {
      ...uploadRequest(admin, generatedCsv(1), { mapping }),
      headers: { cookie: admin, origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    const stored = await rows<{ n: number }>(
      t.handle.db,
      sql`select count(*)::int as n from leads where external_id = 'L1'`,
    );
    expect(defined(stored[0]).n).toBe(1);
  });
});
