import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { insertFunnelLeads } from '../helpers/pacing-fixtures';
import { cookieFor, thisQuarter } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function previousQuarter(label: string): string {
  const [year, q] = label.split('-Q').map(Number) as [number, number];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

type Scope = { from: string; to: string; basis: string };

// The neglected and stalled counts beside the speed figures, and their lists, always count the same leads.
describeOnBackend('the waiting counts and their lists share one stated scope', () => {
  let t: TestApp;
  let cookie: string;
  let paid: number;
  const get = async (path: string) => {
    const res = await t.app.request(path, { headers: { cookie } });
    expect(res.status).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await openTestApp();
    await setSettings(t.handle.db, { slaHours: 24, stalledDays: 7 });
    paid = await addSource(t.handle.db, 'Paid search');
    const web = await addSource(t.handle.db, 'Webinars');
    await insertFunnelLeads(t.handle.db, [
      // Sales-ready 200 days ago, never called: in the last 365 days, not in this quarter.
      { externalId: 'old', createdAt: hoursAgo(24 * 210), salesReadyAt: hoursAgo(24 * 200), sourceId: paid },
      // Sales-ready 400 days ago: outside the default scope.
      { externalId: 'older', createdAt: hoursAgo(24 * 410), salesReadyAt: hoursAgo(24 * 400), sourceId: web },
      // Waiting 30 h with nobody calling: neglected now.
      { externalId: 'recent', createdAt: hoursAgo(24 * 3), salesReadyAt: hoursAgo(30), sourceId: web },
      // Quiet for ten days at the opportunity stage.
      {
        externalId: 'quiet',
        createdAt: hoursAgo(24 * 40),
        salesReadyAt: hoursAgo(24 * 12),
        opportunityAt: hoursAgo(24 * 10),
        amount: 900,
        sourceId: paid,
      },
    ]);
    cookie = await cookieFor(t, 'executive');
  });
  afterAll(() => t?.close());

  const current = thisQuarter().label;
  it.each([
    ['no period (the last 365 days)', ''],
    ['this quarter', `quarter=${current}`],
    ['the previous quarter', `quarter=${previousQuarter(current)}`],
    ['a range of days', `from=${day(-500)}&to=${day(1)}`],
    ['no period and one source', 'source=SOURCE'],
  ])('for %s, /handoff counts what /neglected and /stalled list', async (_name, raw) => {
    const q = raw.replace('SOURCE', String(paid));
    const figures = await get(`/api/metrics/handoff?${q}`);
    const neglected = await get(`/api/metrics/handoff/neglected?${q}&pageSize=500`);
    const stalled = await get(`/api/metrics/handoff/stalled?${q}&pageSize=500`);
    expect(neglected.scope).toEqual(figures.scope);
    expect(stalled.scope).toEqual(figures.scope);
    expect(figures.neglected).toBe(neglected.total);
    expect(figures.stalled).toBe(stalled.total);
    expect(neglected.rows).toHaveLength(neglected.total);
    expect(stalled.rows).toHaveLength(stalled.total);
    const scope = figures.scope as Scope;
    if (q.includes('quarter=') || q.includes('from=')) {
      expect(scope).toEqual({ from: figures.period.from, to: figures.period.to, basis: 'period' });
    } else {
      expect(scope).toEqual({ from: day(-365), to: day(1), basis: 'last-365-days' });
    }
  });

  it('without a period counts the last 365 days, whatever quarter the speed figures are of', async () => {
    const figures = await get('/api/metrics/handoff');
    expect(figures.period.label).toBe(current);
    const neglected = await get('/api/metrics/handoff/neglected?pageSize=500');
    const ids = neglected.rows.map((r: { externalId: string }) => r.externalId);
    expect(ids).toContain('old');
    expect(ids).toContain('recent');
    expect(ids).not.toContain('older');
    expect(figures.neglected).toBe(neglected.total);
    const wide = await get(`/api/metrics/handoff?from=${day(-500)}&to=${day(1)}`);
    expect(wide.neglected).toBeGreaterThan(figures.neglected);
  });
});
