import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const endpoints = ['overview', 'sources', 'funnel', 'trend', 'cohorts', 'attribution'] as const;

describeOnBackend('GET /api/metrics/* refuses bad input with 400 naming the parameter', () => {
  let t: TestApp;
  let cookie: string;
  let paid: number;
  beforeAll(async () => {
    t = await openTestApp();
    paid = await addSource(t.handle.db, 'Paid');
    cookie = await signedInCookie(t);
  });
  afterAll(() => t?.close());

  async function expect400(path: string, param: string): Promise<void> {
    const res = await t.app.request(path, { headers: { cookie } });
    expect(res.status, path).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('bad_request');
    expect(error.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(error.requestId).toBe(res.headers.get('x-request-id'));
    expect(
      error.details.map((d: { path: string }) => d.path),
      path,
    ).toContain(param);
  }

  const common: [string, string][] = [
    ['quarter=2026-Q5', 'quarter'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['from=2026-03-01', 'to'],
    ['from=2026-03-01&to=2026-02-01', 'to'],
    ['from=2026-03-01&to=2026-03-01', 'to'],
    ['from=2010-01-01&to=2026-01-01', 'to'],
    ['source=abc', 'source'],
    ['source=1,-2', 'source'],
    ['source=99999', 'source'],
    ['category=bogus', 'category'],
    ['category=marketing,Marketing', 'category'],
    [`segment=${'x'.repeat(201)}`, 'segment'],
    ['sort=leads', 'sort'],
    ['Source=1', 'Source'],
  ];
  for (const endpoint of endpoints) {
    it.each(common)(`/${endpoint}?%s → 400 naming %s`, async (query, param) => {
      await expect400(`/api/metrics/${endpoint}?${query}`, param);
    });
  }

  it.each([
    ['sources?view=weekly', 'view'],
    ['funnel?view=', 'view'],
    ['trend?grain=day', 'grain'],
    ['trend?series=profit', 'series'],
    ['cohorts?grain=week', 'grain'],
    ['overview?view=cohort', 'view'],
    ['attribution?grain=month', 'grain'],
  ])('/%s → 400 naming %s', async (path, param) => {
    await expect400(`/api/metrics/${path}`, param);
  });

  it('names a known source id as fine and an unknown one in the message', async () => {
    const ok = await t.app.request(`/api/metrics/sources?source=${paid}`, { headers: { cookie } });
    expect(ok.status).toBe(200);
    const res = await t.app.request(`/api/metrics/sources?source=${paid},424242`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('424242');
  });

  it.each(endpoints)('/%s refuses a request without a session', async (endpoint) => {
    const res = await t.app.request(`/api/metrics/${endpoint}`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });
});
