import { demoAccount } from '@salesready/api/context';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { addMetricLeads } from '../helpers/metrics-factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const json = (cookie: string, body: unknown) => ({
  method: 'POST',
  headers: { cookie, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describeOnBackend('"Start with your own data" removes the demo in one go', () => {
  let t: TestApp;
  let paidSearch: number;
  const rows = async () =>
    defined(
      (
        await selectRows<Record<string, number | string>>(
          t.handle.db,
          sql`select (select count(*) from leads where origin_system = 'demo') as demo_leads,
                 (select count(*) from leads where origin_system <> 'demo') as own_leads,
                 (select count(*) from touches) as touches, (select count(*) from targets) as targets,
                 (select count(*) from spend) as spend, (select count(*) from sources) as sources,
                 (select count(*) from users where email = ${demoAccount.email}) as demo_users`,
        )
      ).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])))[0],
    );

  beforeAll(async () => {
    t = await openTestApp({ demo: true });
    await seedDemo(t.handle.db, { now: new Date(), leads: 600 });
    await addUser(t.handle.db, demoAccount.email, demoAccount.password, 'admin');
    // A lead of the customer's own, imported on top of the demo, from a source the demo also uses.
    const [paid] = await selectRows<{ id: number }>(
      t.handle.db,
      sql`select id from sources where name = 'Paid search'`,
    );
    paidSearch = defined(paid).id;
    await addMetricLeads(t.handle.db, [
      {
        externalId: 'own-1',
        createdAt: new Date().toISOString(),
        sourceId: paidSearch,
        originSystem: 'hubspot',
      },
    ]);
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses the demo account itself: an admin of their own must remain', async () => {
    const login = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoAccount),
    });
    expect(login.status).toBe(200);
    const demoCookie = defined(defined(login.headers.get('set-cookie')).split(';')[0]);
    const res = await t.app.request('/api/settings/demo/remove', json(demoCookie, { confirm: true }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/create your own admin account first/);
    expect((await rows()).demo_leads).toBeGreaterThan(0);
  });

  it('refuses an executive, and a call without the confirmation', async () => {
    const executive = await cookieFor(t, 'executive');
    expect(
      (await t.app.request('/api/settings/demo/remove', json(executive, { confirm: true }))).status,
    ).toBe(403);
    const admin = await cookieFor(t, 'admin', 'owner@example.com');
    expect((await t.app.request('/api/settings/demo/remove', json(admin, {}))).status).toBe(400);
  });

  it('leaves no demo row and a working admin, and keeps the customer’s own lead and its source', async () => {
    const admin = await cookieFor(t, 'admin', 'second-owner@example.com');
    const before = await (await t.app.request('/api/settings/demo', { headers: { cookie: admin } })).json();
    expect(before).toEqual({ leads: 600, account: true });
    const res = await t.app.request('/api/settings/demo/remove', json(admin, { confirm: true }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ leads: 0, account: false, removed: { leads: 600, accounts: 1 } });
    expect(await rows()).toEqual({
      demo_leads: 0,
      own_leads: 1,
      touches: 0,
      targets: 0,
      spend: 0,
      sources: 1,
      demo_users: 0,
    });
    // The admin still works, and the figures (rollups kept on write) count only the lead that stayed.
    expect((await t.app.request('/api/auth/me', { headers: { cookie: admin } })).status).toBe(200);
    const figures = await (await t.app.request('/api/figures', { headers: { cookie: admin } })).json();
    expect(figures.figures.find((f: { id: string }) => f.id === 'leads').value).toBe(1);
    const sources = await (
      await t.app.request('/api/metrics/sources', { headers: { cookie: admin } })
    ).json();
    expect(sources.rows.map((r: { sourceId: number }) => r.sourceId)).toEqual([paidSearch]);
  });
});
