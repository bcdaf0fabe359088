import { type Database, type DbHandle, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMetricLeads, addTouches } from '../helpers/metrics-factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';
import { expectRollupsAsRebuilt } from './rollups-check';

// The seed loads leads and touches as a restore does (indexes, foreign keys and rollups built once at
// the end, db/src/seed/bulk-load.ts). The data must be what the row-by-row seed wrote, and the
// database must come out as migrated: every index, foreign key and rollup trigger back in place.

const now = new Date('2026-11-23T15:30:00Z');

// md5 of every row's text, in id order, of the 2,000-lead demo (seed 42, the `now` above), taken with
// the seed that inserted batch by batch through the rollup triggers (before the bulk load); leads and
// spend taken again once their tables gained a column (expected close date, spend origin), all null or 'demo'.
// Spend is compared as each source's month in total: the ad platforms' sources now book a month per
// campaign, split from the same amount, so the totals are the rows the row-by-row seed wrote.
const rowByRowSeed = {
  leads: { n: 2000, h: '433c96a719b5047587b2cf75382fc961' },
  touches: { n: 20637, h: 'f2a9c4c9687b02848d006860ba44c03a' },
  sources: { n: 8, h: '77754c3a3eececa6dd5dbc31b141700c' },
  spend: { h: '4746c306d0c8dc6845201a99ededbe11' },
  targets: { h: '65e29bc2ca9ce885f0b2891041c4efdc' },
  // The rollups as the triggers kept them then; now one rebuild at the end writes them.
  rollup_lead_facts: { h: '474cfd3d59700493068b127bd991ac44' },
  rollup_lead_days: { h: 'c26ec44af4fbf16308812b913af22663' },
};

async function checksums(db: Database) {
  const out: Record<string, { n?: number; h: string }> = {};
  await db.transaction(async (tx) => {
    // Times print in the session's zone: the same zone on both servers.
    await tx.execute(sql`set local timezone = 'UTC'`);
    const one = async (name: string, order: string, withCount: boolean, from = name) => {
      const [row] = await selectRows<{ n: number; h: string }>(
        tx as unknown as Database,
        sql.raw(
          `select count(*)::int as n, md5(string_agg(r::text, '|' order by ${order})) as h from ${from} r`,
        ),
      );
      out[name] = withCount ? { n: defined(row).n, h: defined(row).h } : { h: defined(row).h };
    };
    await one('leads', 'id', true);
    await one('touches', 'id', true);
    await one('sources', 'id', true);
    await one(
      'spend',
      'source_id, month',
      false,
      '(select source_id, month, sum(amount) as amount, min(origin) as origin from spend group by 1, 2)',
    );
    await one('targets', 'quarter, metric, source_id', false);
    await one('rollup_lead_facts', 'lead_id', false);
    await one('rollup_lead_days', 'day, source_id', false);
  });
  return out;
}

/** Indexes, constraints and triggers of the seeded tables, as the server prints them. */
async function structure(db: Database) {
  const tables = sql`('leads'::regclass, 'touches'::regclass, 'sources'::regclass)`;
  return {
    indexes: await selectRows(
      db,
      sql`select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index
        where indrelid in ${tables} order by 1`,
    ),
    constraints: await selectRows(
      db,
      sql`select conname as name, pg_get_constraintdef(oid) as def, convalidated from pg_constraint
        where conrelid in ${tables} order by 1`,
    ),
    triggers: await selectRows(
      db,
      sql`select tgname as name, tgenabled as enabled from pg_trigger
        where tgrelid in ${tables} and not tgisinternal order by 1`,
    ),
  };
}

describeOnBackend('the demo seed, loaded in bulk', () => {
  let seeded: DbHandle;
  let migrated: DbHandle;
  beforeAll(async () => {
    seeded = await openTestDb();
    migrated = await openTestDb();
    await seedDemo(seeded.db, { now, leads: 2000 });
  }, 120_000);
  afterAll(async () => {
    await seeded?.close();
    await migrated?.close();
  });

  it('writes the same rows as the row-by-row seed, rollups included', async () => {
    expect(await checksums(seeded.db)).toEqual(rowByRowSeed);
  });

  it('leaves every index, foreign key and trigger as the migrations made them, all enabled', async () => {
    const after = await structure(seeded.db);
    expect(after).toEqual(await structure(migrated.db));
    expect(after.indexes.length).toBeGreaterThan(10);
    expect(after.constraints).toContainEqual(
      expect.objectContaining({ name: 'touches_lead_id_leads_id_fk' }),
    );
    expect(after.triggers.every((t) => (t as { enabled: string }).enabled === 'O')).toBe(true);
  });

  it('keeps the rollups on write afterwards: a new lead and its touches fold in as a rebuild gives', async () => {
    const ids = await addMetricLeads(seeded.db, [
      {
        externalId: 'after-seed',
        createdAt: '2026-11-20T10:00:00Z',
        mqlAt: '2026-11-21T10:00:00Z',
        crmSalesReadyAt: '2026-11-22T10:00:00Z',
      },
    ]);
    const leadId = defined(ids.get('after-seed'));
    await addTouches(seeded.db, [
      { leadId, occurredAt: '2026-11-20T11:00:00Z', kind: 'email', actor: 'marketing' },
      { leadId, occurredAt: '2026-11-22T12:00:00Z', kind: 'call', actor: 'sales' },
    ]);
    await expectRollupsAsRebuilt(seeded.db);
  });

  it('refuses a database that already has data, changing nothing', async () => {
    const before = await checksums(seeded.db);
    await expect(seedDemo(seeded.db, { now, leads: 10 })).rejects.toThrow(/needs an empty database/);
    expect(await checksums(seeded.db)).toEqual(before);
  });
});
