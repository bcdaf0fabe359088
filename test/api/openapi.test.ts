import { healthAnswer } from '@salesready/api/schemas/responses';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('GET /api/openapi.json', () => {
  let t: TestApp;
  // biome-ignore lint/suspicious/noExplicitAny: the document is free-form JSON read by path
  let doc: any;
  beforeAll(async () => {
    t = await openTestApp();
    const res = await t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    doc = await res.json();
  });
  afterAll(() => t?.close());

  it('lists every route of the app', () => {
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
    for (const r of routes) {
      const path = r.path.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.path}`).toBeDefined();
    }
    expect(doc.openapi).toBe('3.0.3');
  });

  it('describes the answers of the routes that declare them, as their tests parse them', async () => {
    const health = doc.paths['/api/health'].get.responses['200'].content['application/json'].schema;
    expect(health.properties.db.enum).toEqual(['pglite', 'postgres', 'neon']);
    healthAnswer.parse(await (await t.app.request('/api/health')).json());
    const created = doc.paths['/api/subscriptions'].post.responses;
    expect(created['200']).toBeUndefined();
    expect(created['201'].content['application/json'].schema.required).toEqual(['id']);
    expect(doc.paths['/api/subscriptions/{id}/run'].post.responses['202']).toBeDefined();
    const figures = doc.paths['/api/figures'].get.responses['200'].content['application/json'].schema;
    expect(figures.properties.figures.items.properties.value).toMatchObject({
      type: 'number',
      nullable: true,
    });
  });

  it('describes downloads as files of their type, and refusals as the error envelope', () => {
    const pdf = doc.paths['/api/reports/board-pack.pdf'].get.responses['200'].content;
    expect(pdf['application/pdf'].schema).toEqual({ type: 'string', format: 'binary' });
    expect(Object.keys(doc.paths['/api/exports/leads.csv'].get.responses['200'].content)).toEqual([
      'text/csv',
    ]);
    expect(Object.keys(doc.paths['/api/exports/leads.xlsx'].get.responses['200'].content)[0]).toMatch(
      /spreadsheetml/,
    );
    const refused = doc.paths['/api/metrics/overview'].get.responses['4XX'];
    expect(refused).toEqual({ $ref: '#/components/responses/Refused' });
    expect(doc.components.responses.Refused.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
  });

  it('describes parameters and bodies from the schemas that validate them', () => {
    const overview = doc.paths['/api/metrics/overview'].get;
    const names = overview.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['quarter', 'from', 'to', 'source', 'category', 'segment', 'owner']),
    );
    // A read token may read the figures too: scripts and BI tools pull them.
    expect(overview.security).toEqual([{ session: [] }, { readToken: [] }]);
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(login.security).toEqual([]);
    expect(doc.paths['/api/ingest/leads'].post.security).toEqual([{ apiToken: [] }]);
    expect(doc.paths['/api/leads/{id}'].get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain('bad_request');
  });
});
