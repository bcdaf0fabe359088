import type { Database, DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import type { MetricFilter } from '@salesready/db/queries/filter';
import { rebuildRollups, rollupsServe } from '@salesready/db/rollups/rollups';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { addMetricLeads, addTouches } from '../helpers/metrics-factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';
import {
  expectRollupsAsRebuilt,
  expectSameFigures,
  factFigures,
  inRolledBackTransaction,
  type RawFigures,
  slowFigures,
} from './rollups-check';

// Zones whose daylight-saving changes make local days of 23 or 25 hours, one of them at midnight
// (Santiago: 2024-09-08 has no 00:00, 2025-04-05 has 23:00–24:00 twice), and one off the hour.
const zones = [
  {
    zone: 'America/New_York',
    around: ['2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z', '2025-04-01T04:00:00Z'],
    ranges: [
      ['2025-03-01', '2025-04-01'],
      ['2025-03-09', '2025-03-10'],
      ['2025-10-01', '2026-01-01'],
    ],
  },
  {
    zone: 'America/Santiago',
    around: ['2024-09-08T04:00:00Z', '2025-04-06T03:00:00Z', '2025-01-01T03:00:00Z'],
    ranges: [
      ['2024-09-01', '2024-10-01'],
      ['2024-09-08', '2024-09-09'],
      ['2025-04-01', '2025-05-01'],
    ],
  },
  {
    zone: 'Asia/Kathmandu',
    around: ['2025-01-31T18:15:00Z', '2025-06-30T18:15:00Z', '2024-12-31T18:15:00Z'],
    ranges: [
      ['2025-01-01', '2025-04-01'],
      ['2025-02-01', '2025-02-02'],
      ['2024-10-01', '2025-10-01'],
    ],
  },
] as const;

// Instants within three days of a change (or a midnight), at any second, and stages hours later.
const leadArb = (around: readonly string[]) =>
  fc.record({
    at: fc.constantFrom(...around.map((a) => Date.parse(a))),
    offset: fc.integer({ min: -72 * 3600, max: 72 * 3600 }),
    stages: fc.array(fc.option(fc.integer({ min: -30 * 3600, max: 90 * 24 * 3600 }), { nil: undefined }), {
      minLength: 8,
      maxLength: 8,
    }),
    source: fc.option(fc.constantFrom(0, 1), { nil: null }),
    amount: fc.option(fc.integer({ min: 0, max: 9999 }), { nil: undefined }),
    touches: fc.array(fc.integer({ min: -3600, max: 30 * 24 * 3600 }), { maxLength: 4 }),
  });

async function insert(db: Database, sources: number[], leads: LeadSpec[], prefix: string) {
  const at = (ms: number, s: number | undefined) =>
    s === undefined ? undefined : new Date(ms + s * 1000).toISOString();
  const ids = await addMetricLeads(
    db,
    leads.map((l, i) => {
      const created = l.at + l.offset * 1000;
      const [mql, sr, accepted, opp, won, lost, disq] = l.stages;
      return {
        externalId: `${prefix}${i}`,
        createdAt: new Date(created).toISOString(),
        sourceId: l.source === null ? null : defined(sources[l.source]),
        mqlAt: at(created, mql),
        crmSalesReadyAt: at(created, sr),
        acceptedAt: at(created, accepted),
        opportunityAt: at(created, opp),
        wonAt: at(created, won),
        lostAt: at(created, lost),
        disqualifiedAt: at(created, disq),
        amount: l.amount,
      };
    }),
  );
  await addTouches(
    db,
    leads.flatMap((l, i) =>
      l.touches.map((s) => ({
        leadId: defined(ids.get(`${prefix}${i}`)),
        occurredAt: new Date(l.at + l.offset * 1000 + s * 1000).toISOString(),
        channel: 'a',
      })),
    ),
  );
}
type LeadSpec = ReturnType<typeof leadArb> extends fc.Arbitrary<infer T> ? T : never;

// The per-lead facts hold instants, not local days: no zone changes them, and the equality suite
// compares them under another zone. Here only what is cut into local days is at stake.
const daySlowFigures = [...slowFigures, ...factFigures];

describeOnBackend('rollups rebuilt in the settings time zone give exactly the raw figures', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(() => handle?.close());

  for (const { zone, around, ranges } of zones) {
    it(`in ${zone}, across daylight-saving days`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(leadArb(around), { minLength: 1, maxLength: 30 }),
          fc.array(leadArb(around), { maxLength: 10 }),
          async (leads, later) => {
            await inRolledBackTransaction(handle.db, async (db) => {
              const sources = [await addSource(db, 'A', 'marketing'), await addSource(db, 'B', 'sales')];
              await insert(db, sources, leads, 'z');
              const filters: MetricFilter[] = ranges.map(([from, to]) => ({ from, to, timezone: zone }));

              // Changing the time zone setting rebuilds the rollups in it (a trigger on settings).
              await setSettings(db, { timezone: zone });
              for (const f of filters) expect(await rollupsServe(db, f)).toBe(true);
              expect(await rollupsServe(db, { ...defined(filters[0]), timezone: 'UTC' })).toBe(false);
              // Until the `later` leads, only the rollups change: the raw figures are computed once.
              const raw: RawFigures = new Map();
              await expectSameFigures(db, filters, daySlowFigures, raw);

              // Rollups cut in another zone are not read: the figures come from the raw rows until
              // rebuildRollups() cuts them in the settings' zone again.
              await db.execute(sql`update rollup_state set timezone = 'UTC'`);
              for (const f of filters) expect(await rollupsServe(db, f)).toBe(false);
              await expectSameFigures(db, filters.slice(0, 1), daySlowFigures, raw);
              await rebuildRollups(db);
              for (const f of filters) expect(await rollupsServe(db, f)).toBe(true);
              await expectSameFigures(db, filters, daySlowFigures, raw);

              // Kept fresh in the new zone by the triggers; pacing checked here, at the last state.
              await insert(db, sources, later, 'y');
              await expectSameFigures(db, filters, factFigures);
              await expectRollupsAsRebuilt(db);
            });
          },
        ),
        { numRuns: 6, seed: 4242 },
      );
    }, 600_000);
  }
});
