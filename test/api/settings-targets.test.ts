import { runDueJobs } from '@salesready/api/jobs/runner';
import { defined } from '@salesready/db/defined';
import { auditLog, leads } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addLeads, addSource, addUser } from '../helpers/factories';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('settings, sources and targets', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let paid: number;

  const call = async (role: string, method: string, path: string, body?: unknown) => {
    const res = await t.app.request(path, {
      method,
      headers: {
        cookie: defined(cookies[role]),
        origin: 'http://localhost',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    t = await openTestApp();
    for (const role of ['admin', 'executive', 'board'] as const) {
      const email = `${role}@example.com`;
      await addUser(t.handle.db, email, 'a long test password', role);
      const res = await t.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'a long test password' }),
      });
      cookies[role] = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
    }
    paid = await addSource(t.handle.db, 'Paid search');
  });
  afterAll(() => t?.close());

  it('lets every role read the settings and only an admin change them', async () => {
    const read = await call('board', 'GET', '/api/settings');
    expect(read.status).toBe(200);
    expect(read.body.settings).toMatchObject({ fiscalYearStartMonth: 1, timezone: 'UTC', slaHours: 48 });
    expect((await call('executive', 'PUT', '/api/settings', { slaHours: 24 })).status).toBe(403);
    expect((await call('board', 'PUT', '/api/settings', { slaHours: 24 })).status).toBe(403);
    const changed = await call('admin', 'PUT', '/api/settings', { slaHours: 24, timezone: 'Europe/Berlin' });
    expect(changed.status).toBe(200);
    expect(changed.body.settings).toMatchObject({ slaHours: 24, timezone: 'Europe/Berlin' });
    const audit = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, 'settings.update'));
    expect(audit).toHaveLength(1);
  });

  it('refuses invalid settings naming the field, and changes nothing', async () => {
    for (const [body, path] of [
      [{ timezone: 'Mars/Olympus' }, 'timezone'],
      [{ fiscalYearStartMonth: 13 }, 'fiscalYearStartMonth'],
      [{ slaHours: '48' }, 'slaHours'],
      [{ influenceWindowDays: 0 }, 'influenceWindowDays'],
      [{ influenceWindowDays: 731 }, 'influenceWindowDays'],
      [{ influenceWindowDays: 30.5 }, 'influenceWindowDays'],
      [{ password: 'x' }, ''],
    ] as const) {
      const res = await call('admin', 'PUT', '/api/settings', body);
      expect(res.status).toBe(400);
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await call('admin', 'GET', '/api/settings')).body.settings.slaHours).toBe(24);
  });

  it('keeps the marketing influence window (default 90 days) and answers it with the attribution', async () => {
    expect((await call('board', 'GET', '/api/settings')).body.settings.influenceWindowDays).toBe(90);
    const changed = await call('admin', 'PUT', '/api/settings', { influenceWindowDays: 120 });
    expect(changed.status).toBe(200);
    expect(changed.body.settings.influenceWindowDays).toBe(120);
    const attribution = await call('board', 'GET', '/api/metrics/attribution?quarter=2025-Q1');
    expect(attribution.body.marketing.influenceWindowDays).toBe(120);
    await call('admin', 'PUT', '/api/settings', { influenceWindowDays: 90 });
  });

  it('re-applies the sales-ready rule when it changes', async () => {
    await addLeads(t.handle.db, [
      { externalId: 'b3', createdAt: '2026-02-01T00:00:00Z', bant: [true, true, true, false] },
    ]);
    const salesReadyAt = async () =>
      defined((await t.handle.db.select().from(leads).where(eq(leads.externalId, 'b3')))[0]).salesReadyAt;
    expect(await salesReadyAt()).toBeNull();
    const changed = await call('admin', 'PUT', '/api/settings', { salesReadyBantThreshold: 3 });
    // The change is saved at once; the leads are recounted by a background job (docs/decisions/0020).
    expect(changed.body.salesReadyJob).toMatchObject({ status: 'queued' });
    expect(await salesReadyAt()).toBeNull();
    const tick = await runDueJobs(t.handle.db);
    expect(tick.jobs).toContainEqual(
      expect.objectContaining({
        id: changed.body.salesReadyJob.id,
        kind: 'sales-ready-rule',
        status: 'done',
      }),
    );
    expect((await salesReadyAt())?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    const job = (await call('admin', 'GET', '/api/settings')).body.salesReadyJob;
    expect(job.status).toBe('done');
    expect(job.progress.done).toBeGreaterThanOrEqual(1);
    expect(job.progress.done).toBe(job.progress.total);
  });

  it('recategorises a source (admin only) and refuses a name already taken', async () => {
    const other = await addSource(t.handle.db, 'google', 'other');
    expect(
      (await call('executive', 'PATCH', `/api/sources/${other}`, { category: 'marketing' })).status,
    ).toBe(403);
    const ok = await call('admin', 'PATCH', `/api/sources/${other}`, { category: 'marketing' });
    expect(ok.body.source).toEqual({ id: other, name: 'google', category: 'marketing' });
    expect((await call('admin', 'PATCH', `/api/sources/${other}`, { name: 'Paid Search ' })).status).toBe(
      409,
    );
    expect((await call('admin', 'PATCH', `/api/sources/${other}`, { category: 'junk' })).status).toBe(400);
    expect((await call('admin', 'PATCH', '/api/sources/99999', { category: 'sales' })).status).toBe(404);
    const list = await call('board', 'GET', '/api/sources');
    expect(list.body.sources.map((s: { name: string }) => s.name).sort()).toEqual(['Paid search', 'google']);
  });

  it('sets targets per quarter, overall and per source, for admins and executives but not the board', async () => {
    const batch = {
      targets: [
        { quarter: '2026-Q4', metric: 'sales_ready', value: 800 },
        { quarter: '2026-Q4', metric: 'sales_ready', sourceId: paid, value: 200 },
      ],
    };
    expect((await call('board', 'PUT', '/api/targets', batch)).status).toBe(403);
    expect((await call('executive', 'PUT', '/api/targets', batch)).body).toEqual({ saved: 2 });
    // Saving again updates, never duplicates.
    defined(batch.targets[0]).value = 850;
    await call('admin', 'PUT', '/api/targets', batch);
    const list = await call('board', 'GET', '/api/targets?quarter=2026-Q4');
    expect(
      list.body.targets.map((r: { source: string | null; value: number }) => [r.source, r.value]),
    ).toEqual([
      [null, 850],
      ['Paid search', 200],
    ]);
    const trend = await call('board', 'GET', '/api/metrics/trend?quarter=2026-Q4');
    expect(trend.body.targets.salesReady).toBe(850);
    expect(
      (await call('executive', 'DELETE', `/api/targets?quarter=2026-Q4&metric=sales_ready&sourceId=${paid}`))
        .body,
    ).toEqual({ deleted: 1 });
  });

  it('refuses a bad target batch whole, naming the item', async () => {
    const bad = await call('admin', 'PUT', '/api/targets', {
      targets: [
        { quarter: '2026-Q1', metric: 'leads', value: 100 },
        { quarter: '2026-Q1', metric: 'leads', sourceId: 424242, value: 5 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('targets.1.sourceId');
    expect((await call('admin', 'GET', '/api/targets?quarter=2026-Q1')).body.targets).toEqual([]);
    const negative = await call('admin', 'PUT', '/api/targets', {
      targets: [{ quarter: '2026-Q1', metric: 'leads', value: -1 }],
    });
    expect(negative.body.error.details[0].path).toBe('targets.0.value');
  });
  it('imports targets from a CSV, and refuses a file with any bad row whole, naming the line', async () => {
    const post = async (role: string, csv: string) => {
      const res = await t.app.request('/api/targets/import', {
        method: 'POST',
        headers: { cookie: defined(cookies[role]), origin: 'http://localhost', 'content-type': 'text/csv' },
        body: csv,
      });
      return { status: res.status, body: await res.json() };
    };
    const good =
      'quarter,metric,source,value\r\n2027-Q1,leads,,"6,000"\r\n2027-Q1,leads, PAID SEARCH ,1500\r\n';
    expect((await post('board', good)).status).toBe(403);
    expect((await post('executive', good)).body).toEqual({ saved: 2 });
    const list = await call('board', 'GET', '/api/targets?quarter=2027-Q1');
    expect(
      list.body.targets.map((r: { source: string | null; value: number }) => [r.source, r.value]),
    ).toEqual([
      [null, 6000],
      ['Paid search', 1500],
    ]);
    const bad = await post(
      'admin',
      'quarter,metric,source,value\n2027-Q2,leads,,100\n2027-Q2,mqls,,5\n2027-Q2,leads,Nowhere,5\n',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'line 3: metric',
      'line 4: source',
    ]);
    expect((await call('admin', 'GET', '/api/targets?quarter=2027-Q2')).body.targets).toEqual([]);
    expect((await post('admin', 'name,amount\nx,1\n')).body.error.message).toMatch(
      /missing: quarter, metric, value/,
    );
  });
});
