import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { addMetricLeads } from '../helpers/metrics-factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('read tokens: figures, metrics and exports for scripts and BI tools', () => {
  let t: TestApp;
  let admin: string;
  let readToken: string;
  let ingestToken: string;

  const makeToken = async (name: string, scope?: string) => {
    const res = await t.app.request('/api/tokens', {
      method: 'POST',
      headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify(scope ? { name, scope } : { name }),
    });
    expect(res.status).toBe(201);
    return res.json();
  };
  const withToken = (token: string, path: string, init: RequestInit = {}) =>
    t.app.request(path, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await openTestApp();
    admin = await cookieFor(t, 'admin');
    const paid = await addSource(t.handle.db, 'Paid search');
    await addMetricLeads(t.handle.db, [
      {
        externalId: 'a',
        createdAt: '2025-10-02T10:00:00Z',
        sourceId: paid,
        crmSalesReadyAt: '2025-10-09T10:00:00Z',
      },
      { externalId: 'b', createdAt: '2025-11-02T10:00:00Z', sourceId: paid },
    ]);
    const read = await makeToken('Looker', 'read');
    expect(read).toMatchObject({ scope: 'read' });
    expect(read.token).toMatch(/^srr_/);
    readToken = read.token;
    const ingest = await makeToken('CRM sync');
    expect(ingest).toMatchObject({ scope: 'ingest' });
    expect(ingest.token).toMatch(/^sri_/);
    ingestToken = ingest.token;
  });
  afterAll(() => t?.close());

  it('reads the same figures, metrics and exports a signed-in user sees', async () => {
    for (const path of [
      '/api/figures?quarter=2025-Q4',
      '/api/metrics/overview?quarter=2025-Q4',
      '/api/metrics/sources?quarter=2025-Q4',
      '/api/periods',
    ]) {
      const byToken = await withToken(readToken, path);
      expect(byToken.status, path).toBe(200);
      const bySession = await t.app.request(path, { headers: { cookie: admin } });
      const strip = (body: Record<string, unknown>) => ({ ...body, asOf: null, generatedAt: null });
      expect(strip(await byToken.json()), path).toEqual(strip(await bySession.json()));
    }
    const figures = await (await withToken(readToken, '/api/figures?quarter=2025-Q4')).json();
    expect(figures.figures.find((f: { id: string }) => f.id === 'leads').value).toBe(2);
    const csv = await withToken(readToken, '/api/exports/sources.csv?quarter=2025-Q4');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('Paid search');
  });

  it('writes nothing and reads nothing beyond the figures', async () => {
    const write = await withToken(readToken, '/api/ingest/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ leads: [{ externalId: 'x', createdAt: '2025-10-01' }] }),
    });
    expect(write.status).toBe(403);
    expect((await write.json()).error.message).toMatch(/only read figures, metrics and exports/);
    const run = await withToken(readToken, '/api/metrics/alerts/run', { method: 'POST' });
    expect(run.status).toBe(401);
    for (const path of ['/api/settings', '/api/users', '/api/leads', '/api/tokens']) {
      expect((await withToken(readToken, path)).status, path).toBe(401);
    }
  });

  it('keeps ingestion tokens writing only, and refuses unknown and revoked tokens', async () => {
    const read = await withToken(ingestToken, '/api/figures?quarter=2025-Q4');
    expect(read.status).toBe(403);
    expect((await read.json()).error.message).toMatch(/an ingestion token cannot read/);
    expect((await withToken('srr_not-a-token', '/api/figures?quarter=2025-Q4')).status).toBe(401);
    const spare = await makeToken('to revoke', 'read');
    const revoke = await t.app.request(`/api/tokens/${spare.id}`, {
      method: 'DELETE',
      headers: { cookie: admin, origin: 'http://localhost' },
    });
    expect(revoke.status).toBe(200);
    const after = await withToken(spare.token, '/api/figures?quarter=2025-Q4');
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toMatch(/unknown or revoked/);
  });

  it('refuses a scope it does not know, naming the field', async () => {
    const res = await t.app.request('/api/tokens', {
      method: 'POST',
      headers: { cookie: admin, origin: 'http://localhost', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', scope: 'admin' }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify((await res.json()).error)).toMatch(/scope/);
  });
});
