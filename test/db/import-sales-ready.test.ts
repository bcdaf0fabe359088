import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { runImport } from '@salesready/db/import/run-import';
import { applySalesReadyRule } from '@salesready/db/sales-ready-rule';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rows, tempFolder } from '../helpers/import-files';
import { describeOnBackend, openTestDb } from '../helpers/test-db';
import { expectRollupsAsRebuilt } from './rollups-check';

const full = {
  externalId: 'id',
  createdAt: 'created',
  mqlAt: 'mql',
  salesReadyAt: 'crm',
  budget: 'b',
  authority: 'a',
  need: 'n',
  timeframe: 't',
} as const;

// The importer writes the effective sales-ready time in the same statement as the lead; these are
// the rule's results worked out by hand (docs/decisions/0002), and applySalesReadyRule must agree.
describeOnBackend('the sales-ready rule applied by the import in the same write', () => {
  let handle: DbHandle;
  const files = tempFolder();
  const run = (name: string, csv: string, extra: Partial<Parameters<typeof runImport>[1]> = {}) =>
    runImport(handle.db, {
      path: files.file(name, csv),
      fileName: name,
      mapping: full,
      timezone: 'UTC',
      originSystem: 'sr',
      ...extra,
    });
  const salesReady = async () =>
    Object.fromEntries(
      (
        await rows<{ id: string; at: string | null }>(
          handle.db,
          sql`select external_id as id, (sales_ready_at at time zone 'UTC')::text as at
              from leads where origin_system = 'sr' order by external_id`,
        )
      ).map((r) => [r.id, r.at]),
    );
  /** The stored times are the rule's: recomputing every lead changes none. */
  const expectRuleAgrees = async () => {
    const stored = await salesReady();
    await applySalesReadyRule(handle.db);
    expect(await salesReady()).toEqual(stored);
  };

  beforeAll(async () => {
    handle = await openTestDb();
    // Counts the lead rows update statements change: a fresh import should change none.
    await handle.db.execute(sql`create table test_lead_updates (n int not null)`);
    await handle.db.execute(sql`create function test_count_update() returns trigger language plpgsql as $$
      begin insert into test_lead_updates values ((select count(*) from new_rows)); return null; end $$`);
    await handle.db.execute(sql`create trigger test_count_update after update on leads
      referencing new table as new_rows for each statement execute function test_count_update()`);
  });
  afterAll(async () => {
    files.remove();
    await handle?.close();
  });

  it('computes the effective time on insert, with one write per lead', async () => {
    const report = await run(
      'first.csv',
      `id,created,mql,crm,b,a,n,t
S1,2024-01-01 00:00:00,2024-01-05 00:00:00,,true,true,true,true
S2,2024-01-02 00:00:00,,,yes,yes,yes,yes
S3,2024-01-03 00:00:00,2024-01-06 00:00:00,,true,true,true,false
S4,2024-01-04 00:00:00,,2024-02-01 00:00:00,false,false,false,false
S5,2024-01-05 00:00:00,2024-01-07 00:00:00,2024-01-20 00:00:00,true,true,true,true
S6,2024-01-06 00:00:00,,,,,,
`,
    );
    expect(report).toMatchObject({ status: 'completed', read: 6, inserted: 6, updated: 0, rejected: 0 });
    expect(await salesReady()).toEqual({
      S1: '2024-01-05 00:00:00', // 4 BANT boxes: the MQL time
      S2: '2024-01-02 00:00:00', // 4 boxes, no MQL time: the creation time
      S3: null, // 3 boxes
      S4: '2024-02-01 00:00:00', // the CRM's time, accepted by the rule
      S5: '2024-01-20 00:00:00', // the CRM's time comes first
      S6: null,
    });
    const [updates] = await rows<{ n: number }>(
      handle.db,
      sql`select coalesce(sum(n), 0)::int as n from test_lead_updates`,
    );
    expect(defined(updates).n).toBe(0);
    await expectRuleAgrees();
  });

  it('merges a file that maps only some BANT boxes with what is stored (update mode)', async () => {
    const report = await run('timeframe.csv', 'id,t\nS3,true\nS1,false\nS9,true\n', {
      mapping: { externalId: 'id', timeframe: 't' },
      mode: 'update',
    });
    expect(report).toMatchObject({ status: 'completed', read: 3, updated: 2, rejected: 1 });
    const now = await salesReady();
    expect(now.S3).toBe('2024-01-06 00:00:00'); // now 4 boxes with its stored MQL time
    expect(now.S1).toBeNull(); // down to 3 boxes
    expect(now.S9).toBeUndefined();
    await expectRuleAgrees();
  });

  it('merges on an upsert conflict, and leaves an unchanged lead alone', async () => {
    const report = await run(
      'budget.csv',
      'id,created,b\nS3,2024-01-03 00:00:00,false\nS7,2024-01-08 00:00:00,true\nS2,2024-01-02 00:00:00,yes\n',
      { mapping: { externalId: 'id', createdAt: 'created', budget: 'b' } },
    );
    expect(report).toMatchObject({ status: 'completed', read: 3, inserted: 1, updated: 1, unchanged: 1 });
    const now = await salesReady();
    expect(now.S3).toBeNull(); // budget unticked: 3 boxes
    expect(now.S7).toBeNull(); // a new lead with 1 box
    expect(now.S2).toBe('2024-01-02 00:00:00');
    await expectRuleAgrees();
  });

  it('follows the rule setting: threshold 3 and the CRM time not trusted on its own', async () => {
    await handle.db.execute(
      sql`update settings set sales_ready_bant_threshold = 3, use_crm_sales_ready = false where id = 1`,
    );
    // What changing the setting does for the leads already stored.
    await applySalesReadyRule(handle.db);
    const report = await run(
      'rule.csv',
      `id,created,mql,crm,b,a,n,t
S8,2024-01-09 00:00:00,,2024-03-01 00:00:00,true,true,true,false
S10,2024-01-10 00:00:00,,2024-03-02 00:00:00,false,false,false,false
S11,2024-01-11 00:00:00,2024-01-12 00:00:00,,true,true,false,true
`,
    );
    expect(report).toMatchObject({ status: 'completed', inserted: 3 });
    const now = await salesReady();
    expect(now.S8).toBe('2024-03-01 00:00:00'); // 3 boxes: the CRM time is still the time it names
    expect(now.S10).toBeNull(); // a CRM time alone no longer qualifies
    expect(now.S11).toBe('2024-01-12 00:00:00');
    expect(now.S4).toBeNull();
    await expectRuleAgrees();
    await expectRollupsAsRebuilt(handle.db);
  });
});
