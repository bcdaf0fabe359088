import { defined } from '@salesready/db/defined';
import { auditLog } from '@salesready/db/schema/index';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { insertFunnelLeads, insertTargets } from '../helpers/pacing-fixtures';
import { cookieFor, thisQuarter } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

// Data relative to now: alerts are always about the current quarter and today's waiting leads.
describeOnBackend('GET /api/metrics/alerts and POST /api/metrics/alerts/run', () => {
  let t: TestApp;
  let executive: string;
  let admin: string;
  let source: number;
  const quarter = thisQuarter();

  beforeAll(async () => {
    t = await openTestApp();
    source = await addSource(t.handle.db, 'Paid search');
    await insertFunnelLeads(t.handle.db, [
      ...Array.from({ length: 10 }, (_, i) => ({
        externalId: `q${i}`,
        createdAt: quarter.midway.toISOString(),
        sourceId: source,
      })),
      // Sales-ready three days ago, nobody has called: neglected under the 48 h SLA.
      {
        externalId: 'n1',
        createdAt: hoursAgo(24 * 10),
        salesReadyAt: hoursAgo(72),
        sourceId: source,
        owner: 'Ann',
      },
      {
        externalId: 'n2',
        createdAt: hoursAgo(24 * 10),
        salesReadyAt: hoursAgo(50),
        sourceId: source,
        owner: 'Ann',
      },
    ]);
    await insertTargets(t.handle.db, [
      { quarter: quarter.label, metric: 'leads', value: 100_000 },
      { quarter: quarter.label, metric: 'leads', sourceId: source, value: 100_000 },
    ]);
    executive = await cookieFor(t, 'executive');
    admin = await cookieFor(t, 'admin');
  });
  afterAll(() => t?.close());

  it('lists the open alerts, worst first, each with its numbers and a drill-down link', async () => {
    const res = await t.app.request('/api/metrics/alerts', { headers: { cookie: executive } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.quarter).toBe(quarter.label);
    const ids = body.alerts.map((a: { id: string }) => a.id);
    expect(ids).toContain(`pacing.leads.${quarter.label}`);
    expect(ids).toContain('handoff.neglected');
    const pacing = body.alerts.find((a: { id: string }) => a.id === `pacing.leads.${quarter.label}`);
    expect(pacing).toMatchObject({ severity: 'critical', metric: 'leads' });
    expect(pacing.title).toMatch(/^Projected leads \d+% under target: Paid search/);
    expect(pacing.values.target).toBe(100_000);
    expect(pacing.link).toBe(`/pacing?quarter=${quarter.label}&metric=leads&focus=${source}`);
    const neglected = body.alerts.find((a: { id: string }) => a.id === 'handoff.neglected');
    expect(neglected).toMatchObject({
      severity: 'warning',
      title: '2 sales-ready leads waiting longer than 48 h',
      values: { count: 2, slaHours: 48 },
      link: '/handoff/neglected',
    });
    expect(body.alerts[0].severity).toBe('critical');
  });

  it('refuses unknown parameters', async () => {
    const res = await t.app.request('/api/metrics/alerts?quarter=2026-Q1', {
      headers: { cookie: executive },
    });
    expect(res.status).toBe(400);
  });

  it('runs for an admin and records the run; other roles may not', async () => {
    // A cookie-authenticated write: the CSRF guard wants our own origin.
    const origin = 'http://localhost';
    const denied = await t.app.request('/api/metrics/alerts/run', {
      method: 'POST',
      headers: { cookie: executive, origin },
    });
    expect(denied.status).toBe(403);
    expect((await denied.json()).error.code).toBe('forbidden');
    const res = await t.app.request('/api/metrics/alerts/run', {
      method: 'POST',
      headers: { cookie: admin, origin },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ranAt).toEqual(expect.any(String));
    expect(body.alerts.length).toBeGreaterThanOrEqual(2);
    const log = await t.handle.db.select().from(auditLog);
    expect(log.filter((r) => r.action === 'alerts.run')).toHaveLength(1);
    expect(JSON.parse(defined(defined(log.find((r) => r.action === 'alerts.run')).details)).count).toBe(
      body.alerts.length,
    );
  });
});
