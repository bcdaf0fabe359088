import { afterAll, beforeAll, expect, it } from 'vitest';
import { addLeads, addSource } from '../helpers/factories';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('identical dashboard reads at the same time', () => {
  let t: TestApp;
  let cookie: string;
  const get = (path: string, headers: Record<string, string> = {}) =>
    t.app.request(path, { headers: { cookie, ...headers } });

  beforeAll(async () => {
    t = await openTestApp();
    const source = await addSource(t.handle.db, 'Webinars');
    await addLeads(t.handle.db, [
      { externalId: 'a', createdAt: '2025-01-10T12:00:00Z', sourceId: source },
      {
        externalId: 'b',
        createdAt: '2025-01-11T12:00:00Z',
        sourceId: source,
        bant: [true, true, true, true],
      },
    ]);
    cookie = await signedInCookie(t);
  });
  afterAll(() => t?.close());

  it('all get the same figures, each with its own request id', async () => {
    const url = '/api/metrics/overview?from=2025-01-01&to=2025-02-01';
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => get(url, { 'x-request-id': `req-${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(responses.map((r) => r.headers.get('x-request-id'))).toEqual(
      Array.from({ length: 6 }, (_, i) => `req-${i}`),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));
    for (const body of bodies) expect(body).toEqual(bodies[0]);
    expect(bodies[0].kpis.leads.value).toBe(2);
  });

  it('sees a write made after the previous answer', async () => {
    const url = '/api/metrics/overview?from=2025-01-01&to=2025-02-01';
    expect((await (await get(url)).json()).kpis.leads.value).toBe(2);
    await addLeads(t.handle.db, [{ externalId: 'c', createdAt: '2025-01-12T12:00:00Z' }]);
    expect((await (await get(url)).json()).kpis.leads.value).toBe(3);
  });

  it('answers a bad request among good ones with its own error', async () => {
    const [good, bad] = await Promise.all([
      get('/api/metrics/overview?from=2025-01-01&to=2025-02-01'),
      get('/api/metrics/overview?from=2025-03-01&to=2025-02-01', { 'x-request-id': 'bad-one' }),
    ]);
    expect(good.status).toBe(200);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.requestId).toBe('bad-one');
  });
});
