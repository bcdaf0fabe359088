import type { Database, DbHandle } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { writeBatch } from '@salesready/db/import/write-batch';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { mergeSources } from '@salesready/db/sources/merge-sources';
import { SourceError } from '@salesready/db/sources/source-error';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMetricLeads, addTouches, type MetricLead } from '../helpers/metrics-factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';
import { expectRollupsAsRebuilt, expectSameFigures, figures } from './rollups-check';

// Source ids are fixed, so both databases name the same sources by the same ids.
const PAID = 1;
const PPC = 2;
const WEBINARS = 3;

/** A deterministic spread of leads over 2025 (a seeded generator, so both databases get the very same rows). */
function dataset() {
  // mulberry32: small, seeded, and the same on every run.
  let seed = 20261206;
  const next = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const day = 86_400_000;
  const origin = Date.parse('2025-01-01T00:00:00Z');
  const leads: (Omit<MetricLead, 'sourceId'> & {
    source: number | null;
    touches: { offset: number; channel: string | null }[];
  })[] = [];
  for (let i = 0; i < 90; i++) {
    const created = origin + next(300) * day + next(86_400) * 1000;
    const stage = (after: number, chance: number) =>
      next(100) < chance ? new Date(created + (after + next(40)) * day).toISOString() : undefined;
    // One lead in five has no source.
    const source = [PAID, PPC, PPC, WEBINARS, null][next(5)] ?? null;
    const salesReady = stage(3, 55);
    const won = salesReady ? stage(60, 40) : undefined;
    leads.push({
      externalId: `m${i}`,
      createdAt: new Date(created).toISOString(),
      source,
      mqlAt: stage(1, 70),
      crmSalesReadyAt: salesReady,
      opportunityAt: salesReady ? stage(30, 60) : undefined,
      wonAt: won,
      lostAt: won ? undefined : stage(90, 20),
      amount: won ? 1000 + next(40_000) : undefined,
      bant: [next(2) === 1, next(2) === 1, next(2) === 1, next(2) === 1],
      segment: next(2) ? 'SMB' : 'ENT',
      owner: ['Ann', 'Bob'][next(2)],
      touches: Array.from({ length: next(4) }, () => ({
        offset: next(80) - 5,
        channel: ['Paid search', 'PPC', ' ppc ', 'Webinars', null][next(5)] ?? null,
      })),
    });
  }
  return leads;
}

/**
 * Loads the data set. `merged`: as if everything of PPC had been recorded under Paid search from the
 * start (leads, touches' channels, spend and targets summed); else PPC is a source of its own.
 */
async function load(db: Database, merged: boolean): Promise<void> {
  const names: [number, string][] = merged
    ? [
        [PAID, 'Paid search'],
        [WEBINARS, 'Webinars'],
      ]
    : [
        [PAID, 'Paid search'],
        [PPC, 'PPC'],
        [WEBINARS, 'Webinars'],
      ];
  for (const [id, name] of names)
    await db.execute(sql`insert into sources (id, name, key, category) overriding system value
      values (${id}, ${name}, ${name.toLowerCase()}, 'marketing')`);
  const asPaid = (id: number | null) => (merged && id === PPC ? PAID : id);
  const data = dataset();
  const ids = await addMetricLeads(
    db,
    data.map(({ source, touches: _, ...lead }) => ({ ...lead, sourceId: asPaid(source) })),
  );
  const channel = (c: string | null) =>
    merged && c !== null && c.trim().toLowerCase() === 'ppc' ? 'Paid search' : c;
  await addTouches(
    db,
    data.flatMap((l) =>
      l.touches.map((t) => ({
        leadId: defined(ids.get(l.externalId)),
        occurredAt: new Date(Date.parse(l.createdAt) + t.offset * 86_400_000).toISOString(),
        channel: channel(t.channel),
        actor: 'marketing' as const,
      })),
    ),
  );
  const spend: [number, string, number][] = merged
    ? [
        [PAID, '2025-02-01', 1500 + 700],
        [PAID, '2025-03-01', 900],
        [PAID, '2025-05-01', 400],
        [WEBINARS, '2025-02-01', 300],
      ]
    : [
        [PAID, '2025-02-01', 1500],
        [PAID, '2025-03-01', 900],
        [PPC, '2025-02-01', 700],
        [PPC, '2025-05-01', 400],
        [WEBINARS, '2025-02-01', 300],
      ];
  for (const [source, month, amount] of spend)
    await db.execute(
      sql`insert into spend (source_id, month, amount) values (${source}, ${month}, ${amount})`,
    );
  const targets: [string, string, number | null, number][] = merged
    ? [
        ['2025-Q1', 'leads', PAID, 30 + 20],
        ['2025-Q1', 'sales_ready', PAID, 10],
        ['2025-Q2', 'leads', PAID, 25],
        ['2025-Q1', 'leads', null, 120],
      ]
    : [
        ['2025-Q1', 'leads', PAID, 30],
        ['2025-Q1', 'sales_ready', PAID, 10],
        ['2025-Q1', 'leads', PPC, 20],
        ['2025-Q2', 'leads', PPC, 25],
        ['2025-Q1', 'leads', null, 120],
      ];
  for (const [quarter, metric, source, value] of targets)
    await db.execute(sql`insert into targets (quarter, metric, source_id, value)
      values (${quarter}, ${metric}, ${source}, ${value})`);
}

const filters = (): MetricFilter[] => [
  { from: '2025-01-01', to: '2026-01-01', timezone: 'UTC' },
  { from: '2025-04-01', to: '2025-07-01', timezone: 'Europe/Berlin' },
  { from: '2025-01-01', to: '2026-01-01', timezone: 'UTC', sourceIds: [PAID] },
  { from: '2025-02-01', to: '2025-09-01', timezone: 'UTC', categories: ['marketing'], segments: ['SMB'] },
];

const tables = async (db: Database) => ({
  sources: await selectRows(db, sql`select id, name, key, category from sources order by id`),
  spend: await selectRows(
    db,
    sql`select source_id, month::text, amount::float8 from spend order by source_id, month`,
  ),
  targets: await selectRows(
    db,
    sql`select quarter, metric, source_id, value::float8 from targets order by quarter, metric, source_id nulls first`,
  ),
  leads: await selectRows(db, sql`select id, external_id, source_id from leads order by id`),
});

describeOnBackend('merging one source into another', () => {
  let merged: DbHandle;
  let fromStart: DbHandle;
  beforeAll(async () => {
    [merged, fromStart] = await Promise.all([openTestDb(), openTestDb()]);
    await load(merged.db, false);
    await load(fromStart.db, true);
  });
  afterAll(async () => {
    await merged?.close();
    await fromStart?.close();
  });

  it('refuses to merge a source into itself or into one that is not there, and changes nothing', async () => {
    const before = await tables(merged.db);
    await expect(mergeSources(merged.db, PPC, PPC)).rejects.toThrow(SourceError);
    await expect(mergeSources(merged.db, PPC, 999)).rejects.toThrow(/no source has id 999/);
    // A failure inside the transaction (here: the step after the moves) leaves every row where it was.
    await expect(
      mergeSources(merged.db, PPC, PAID, async () => {
        throw new Error('audit refused');
      }),
    ).rejects.toThrow('audit refused');
    expect(await tables(merged.db)).toEqual(before);
  });

  it('gives every figure the same value as the data recorded under the target name from the start', async () => {
    const result = await mergeSources(merged.db, PPC, PAID);
    expect(result.from.name).toBe('PPC');
    expect(result.into.name).toBe('Paid search');
    expect(result.moved.leads).toBeGreaterThan(10);
    expect(result.moved.spendMonths).toBe(2);
    expect(result.moved.targets).toBe(2);
    expect(result.moved.touches).toBeGreaterThan(0);

    expect(await tables(merged.db)).toEqual(await tables(fromStart.db));
    for (const filter of filters()) {
      for (const [name, figure] of Object.entries(figures)) {
        const after = await figure(merged.db, filter, {});
        expect(after, `${name} ${JSON.stringify(filter)}`).toStrictEqual(
          await figure(fromStart.db, filter, {}),
        );
      }
    }
    // The rollups kept on write are what a rebuild gives, and serve the raw figures exactly.
    await expectSameFigures(merged.db, filters());
    await expectRollupsAsRebuilt(merged.db);
  });

  it('keeps the merged name as an alias, so the next import follows the merge', async () => {
    await writeBatch(
      merged.db,
      [
        {
          line: 2,
          lead: { externalId: 'later', createdAt: new Date('2025-11-02T09:00:00Z'), source: 'PPC' },
        },
      ],
      { originSystem: 'test', mode: 'upsert', importId: null },
    );
    const [row] = await selectRows<{ source_id: number }>(
      merged.db,
      sql`select source_id from leads where external_id = 'later'`,
    );
    expect(Number(defined(row).source_id)).toBe(PAID);
    const aliases = await selectRows(merged.db, sql`select key, name, source_id from source_aliases`);
    expect(aliases).toEqual([{ key: 'ppc', name: 'PPC', source_id: PAID }]);
  });
});
