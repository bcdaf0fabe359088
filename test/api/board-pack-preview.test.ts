import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookieFor } from '../helpers/pacing-session';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const quarter = '2026-Q1';

describeOnBackend('the board pack preview shows the figures and commentary the PDF prints', () => {
  let t: TestApp;
  let executive: string;
  let board: string;

  beforeAll(async () => {
    t = await openTestApp();
    await seedQuarterFixture(t.handle.db);
    executive = await cookieFor(t, 'executive');
    board = await cookieFor(t, 'board');
  }, 60_000);
  afterAll(() => t?.close());

  const json = async (path: string, cookie: string, init: RequestInit = {}) => {
    const res = await t.app.request(path, {
      ...init,
      headers: { cookie, origin: 'http://localhost', 'content-type': 'application/json' },
    });
    expect(res.status, path).toBeLessThan(300);
    return res.json();
  };

  it('is the share view of the same quarter, without an expiry, for every role', async () => {
    await json(`/api/reports/commentary?quarter=${quarter}`, executive, {
      method: 'PUT',
      body: JSON.stringify({ sections: { summary: 'Ahead on SRLs.', funnel: '   ' } }),
    });
    const preview = await json(`/api/reports/preview?quarter=${quarter}`, board);
    const link = await json('/api/reports/share-links', executive, {
      method: 'POST',
      body: JSON.stringify({ quarter, days: 7 }),
    });
    const shared = await (await t.app.request(`/api/share/${link.token}`)).json();
    const { expiresAt, figuresAsOf: _a, ...sharedRest } = shared;
    const { figuresAsOf: _b, ...previewRest } = preview;
    expect(expiresAt).toBeTypeOf('string');
    expect(preview).not.toHaveProperty('expiresAt');
    expect(previewRest).toEqual(sharedRest);
    expect(preview.quarter.label).toBe(quarter);
    expect(preview.kpis.leads.value).toBeGreaterThan(0);
    // Only the sections with words carry commentary: the rest are the ones the page flags.
    expect(preview.commentary.map((c: { section: string }) => c.section)).toEqual(['summary']);
  });

  it('refuses a malformed quarter with 400', async () => {
    const res = await t.app.request('/api/reports/preview?quarter=2026-Q9', { headers: { cookie: board } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('quarter');
  });
});
