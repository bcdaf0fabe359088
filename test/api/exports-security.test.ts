import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readChunks } from '../helpers/export-files';
import { insertExportLeads } from '../helpers/export-leads';
import { addSource } from '../helpers/factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const tables = [
  'sources',
  'funnel',
  'cohorts',
  'attribution',
  'marketing',
  'pacing',
  'neglected-leads',
  'stalled-leads',
  'leads',
];
const files = [
  ...tables.flatMap((name) => [`/api/exports/${name}.csv`, `/api/exports/${name}.xlsx`]),
  '/api/reports/board-pack.pdf',
];

describeOnBackend('exports and the board pack: who may download them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
    await insertExportLeads(t.handle.db, 30, await addSource(t.handle.db, 'Webinars'));
  });
  afterAll(() => t?.close());

  it('lists every export and the board pack among the app routes', () => {
    const routes = t.app.routes.filter((r) => r.method === 'GET').map((r) => r.path);
    for (const path of files) expect(routes, path).toContain(path);
  });

  it('refuses every download without a session, or with a forged one, with 401', async () => {
    for (const path of files) {
      for (const headers of [{}, { cookie: 'sr_session=srs_forged' }] as Record<string, string>[]) {
        const res = await t.app.request(`${path}?quarter=2025-Q1`, { headers });
        expect(res.status, path).toBe(401);
        expect((await res.json()).error.code).toBe('unauthorized');
      }
    }
  });

  it('lets the board role (read-only) and the others download every file, and records it in the audit log', async () => {
    for (const role of ['board', 'executive', 'admin'] as const) {
      const cookie = await cookieFor(t, role);
      for (const path of files) {
        const res = await t.app.request(`${path}?quarter=2025-Q1`, { headers: { cookie } });
        expect(res.status, `${role} ${path}`).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('content-disposition')).toMatch(
          /^attachment; filename="salesready-[a-z-]+-2025-Q1\.(csv|xlsx|pdf)"$/,
        );
        expect((await readChunks(res)).bytes.length).toBeGreaterThan(100);
      }
    }
    const [logged] = await selectRows<{ n: number }>(
      t.handle.db,
      sql`select count(*)::int as n from audit_log where action = 'export'`,
    );
    expect(defined(logged).n).toBe(files.length * 3);
  });
});
