import { figureCacheHeader } from '@salesready/api/figures/answers';
import type { DataScope } from '@salesready/db/figure-cache';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { takeDueSnapshot } from '@salesready/db/snapshots/weekly-snapshot';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

/**
 * Each kept answer names the tables it reads (docs/decisions/0026). A write to a table it does not name
 * must leave it valid: after each kind of write, every answer still served from the cache is compared
 * byte for byte with the same answer computed afresh, and every answer that names the table is computed
 * afresh. The reads below are the routes' own declarations, restated so a change to one is seen here.
 */
const lead: DataScope[] = ['leads', 'touches', 'sources', 'settings'];
const kept: [string, DataScope[]][] = [
  ['/api/metrics/overview', [...lead, 'targets']],
  ['/api/metrics/overview?segment=SMB', [...lead, 'targets']],
  ['/api/metrics/sources?view=cohort', [...lead, 'targets', 'spend', 'sales_cost']],
  ['/api/metrics/sources?view=period', [...lead, 'targets', 'spend', 'sales_cost']],
  ['/api/metrics/funnel', lead],
  ['/api/metrics/funnel?view=period', lead],
  ['/api/metrics/trend', [...lead, 'targets']],
  ['/api/metrics/attribution', lead],
  ['/api/metrics/speed', lead],
  ['/api/metrics/changes', lead],
];
// Not kept as a whole (the track record is read on each call), but built on the pacing kept inside.
const pacing = ['/api/metrics/pacing', '/api/metrics/pacing?segment=SMB'];

const rowCount = (result: unknown) =>
  Array.isArray(result) ? result.length : ((result as { rows: unknown[] }).rows?.length ?? 0);

describeOnBackend('kept answers follow only the tables they read', () => {
  let t: TestApp;
  let cookie: string;
  const get = async (path: string) => {
    const res = await t.app.request(path, { headers: { cookie } });
    expect(res.status, path).toBe(200);
    return { cache: res.headers.get(figureCacheHeader), body: await res.text() };
  };
  const fresh = async (path: string) => {
    await t.handle.db.execute(sql`delete from figure_cache`);
    return (await get(path)).body;
  };

  beforeAll(async () => {
    t = await openTestApp();
    await seedDemo(t.handle.db, { now: new Date(), leads: 1500 });
    cookie = await signedInCookie(t);
  }, 120_000);
  afterAll(() => t?.close());

  // Each write changes what a reader of its table would see this quarter.
  const writes: [DataScope, () => Promise<unknown>][] = [
    [
      'touches',
      () =>
        t.handle.db.execute(sql`insert into touches (lead_id, occurred_at, kind, actor, origin_system, external_id)
          select id, sales_ready_at - interval '1 hour', 'email', 'marketing', 'test', 'scope-' || id
          from leads where sales_ready_at > now() - interval '40 days' order by id limit 25`),
    ],
    [
      'spend',
      () =>
        t.handle.db.execute(sql`insert into spend (source_id, month, amount)
          select id, date_trunc('month', now())::date, 12345 from sources order by id limit 1
          on conflict (source_id, month, campaign) do update set amount = spend.amount + 1`),
    ],
    [
      'sales_cost',
      () =>
        t.handle.db.execute(sql`update sales_cost set amount = amount + 1000
          where month = date_trunc('month', now())::date`),
    ],
    ['targets', () => t.handle.db.execute(sql`update targets set value = value + 7`)],
    ['pipeline_snapshot_weeks', () => takeDueSnapshot(t.handle.db)],
    [
      'leads',
      () =>
        t.handle.db.execute(
          sql`update leads set amount = coalesce(amount, 0) + 100 where won_at is not null`,
        ),
    ],
  ];

  for (const [scope, write] of writes) {
    it(`after a write to ${scope}, keeps exactly the answers that do not read it`, async () => {
      for (const path of [...kept.map(([p]) => p), ...pacing]) await get(path);
      const pacingBefore = await Promise.all(pacing.map(async (p) => (await get(p)).body));
      await write();
      for (const [path, reads] of kept) {
        const after = await get(path);
        expect(after.cache, `${path} after a write to ${scope}`).toBe(reads.includes(scope) ? 'miss' : 'hit');
      }
      // The pacing computation stays kept unless its tables changed.
      const pacingKept = await t.handle.db.execute(
        sql`select 1 from figure_cache where key like '%"pacing"%'`,
      );
      const pacingReads: DataScope[] = ['leads', 'sources', 'targets', 'settings'];
      expect(rowCount(pacingKept) > 0, `pacing kept after a write to ${scope}`).toBe(
        !pacingReads.includes(scope),
      );
      // Served from the cache, each answer is still the one computed afresh.
      const served = await Promise.all(
        [...kept.map(([p]) => p), ...pacing].map(async (p) => (await get(p)).body),
      );
      const recomputed: string[] = [];
      for (const path of [...kept.map(([p]) => p), ...pacing]) recomputed.push(await fresh(path));
      expect(served).toEqual(recomputed);
      const pacingAfter = served.slice(kept.length);
      // The pacing follows leads and targets, not touches, spend, sales cost or snapshots.
      if (scope === 'targets' || scope === 'leads') expect(pacingAfter).not.toEqual(pacingBefore);
      else expect(pacingAfter).toEqual(pacingBefore);
    }, 120_000);
  }
});
