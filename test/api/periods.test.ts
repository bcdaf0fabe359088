import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMetricLeads } from '../helpers/metrics-factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('GET /api/periods', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await openTestApp();
    cookie = await cookieFor(t, 'board');
  });
  afterAll(() => t?.close());

  const periods = async () => {
    const res = await t.app.request('/api/periods', { headers: { cookie } });
    expect(res.status).toBe(200);
    return res.json();
  };

  it('names the current quarter alone when there is no data', async () => {
    const body = await periods();
    expect(body.quarters).toEqual([body.current]);
    expect(body.current.label).toMatch(/^\d{4}-Q[1-4]$/);
  });

  it('lists every quarter back to the first lead, newest first, data from 2017 included', async () => {
    await addMetricLeads(t.handle.db, [{ externalId: 'old', createdAt: '2017-11-20T12:00:00Z' }]);
    const body = await periods();
    const labels = body.quarters.map((q: { label: string }) => q.label);
    expect(labels[0]).toBe(body.current.label);
    expect(labels.at(-1)).toBe('2017-Q4');
    expect(body.quarters.at(-1)).toEqual({
      label: '2017-Q4',
      from: '2017-10-01',
      to: '2018-01-01',
      months: 'Oct–Dec 2017',
    });
    // Consecutive: each quarter ends where the next newer one starts.
    for (let i = 1; i < body.quarters.length; i++)
      expect(body.quarters[i].to).toBe(body.quarters[i - 1].from);
  });

  it('names the quarters targets are planned for, four either side of the current one', async () => {
    const body = await periods();
    expect(body.planning).toHaveLength(9);
    expect(body.planning[4]).toEqual(body.current);
    expect(body.current.months).toMatch(/^[A-Z][a-z]{2}( \d{4} –|–)[A-Z][a-z]{2} \d{4}$/);
    for (let i = 1; i < body.planning.length; i++)
      expect(body.planning[i].to).toBe(body.planning[i - 1].from);
  });

  it('refuses a stranger and an unknown parameter', async () => {
    expect((await t.app.request('/api/periods')).status).toBe(401);
    expect((await t.app.request('/api/periods?x=1', { headers: { cookie } })).status).toBe(400);
  });
});
