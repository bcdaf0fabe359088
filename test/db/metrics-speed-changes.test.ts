import type { DbHandle } from '@salesready/db/client';
import { describeChange } from '@salesready/db/queries/changes/describe-change';
import { sourceChanges } from '@salesready/db/queries/changes/source-changes';
import { overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { addMetricLeads, type MetricLead } from '../helpers/metrics-factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const q2 = { from: '2025-04-01', to: '2025-07-01', timezone: 'UTC' };
const q1 = { from: '2025-01-01', to: '2025-04-01' };

/**
 * SRLs per source in 2025-Q1 → 2025-Q2, and open opportunities at the end of each (UTC):
 *
 *   source       SRLs Q1 → Q2        pipeline Apr 1 → Jul 1
 *   Paid search   25 → 17  (−32%)          0 → 0
 *   Events        12 → 21  (+75%)     50,000 → 49,000 (−2%: under 5%, no news)
 *   Webinar       40 → 41  (+2.5%)    10,000 → 30,000 (+200%)
 *   Partner       10 → 7   (−30%)          0 → 0
 *   Tiny           2 → 9   (base 2)    1,000 → 5,000 (base under 2% of 61,000)
 *   total         89 → 95             61,000 → 84,000
 */
async function seedChangesFixture(handle: DbHandle) {
  const { db } = handle;
  await setSettings(db, { fiscalYearStartMonth: 1, timezone: 'UTC' });
  const names = ['Paid search', 'Events', 'Webinar', 'Partner', 'Tiny'] as const;
  const ids = {} as Record<(typeof names)[number], number>;
  for (const name of names)
    ids[name] = await addSource(db, name, name === 'Partner' ? 'partner' : 'marketing');
  const srls: [keyof typeof ids, number, number][] = [
    ['Paid search', 25, 17],
    ['Events', 12, 21],
    ['Webinar', 40, 41],
    ['Partner', 10, 7],
    ['Tiny', 2, 9],
  ];
  const rows: MetricLead[] = [];
  for (const [name, before, after] of srls) {
    for (const [quarterStart, n] of [
      ['2025-01-05', before],
      ['2025-04-05', after],
    ] as const) {
      for (let i = 0; i < n; i++) {
        const created = Date.parse(`${quarterStart}T00:00:00Z`) + i * 3_600_000;
        rows.push({
          externalId: `${name}-${quarterStart}-${i}`,
          sourceId: ids[name],
          createdAt: new Date(created).toISOString(),
          crmSalesReadyAt: new Date(created + 86_400_000).toISOString(),
        });
      }
    }
  }
  const deal = (
    externalId: string,
    source: keyof typeof ids,
    opp: string,
    amount: number,
    lost?: string,
  ) => ({
    externalId,
    sourceId: ids[source],
    createdAt: '2025-01-02T00:00:00Z',
    opportunityAt: `${opp}T12:00:00Z`,
    lostAt: lost && `${lost}T12:00:00Z`,
    amount,
  });
  rows.push(
    deal('W-a', 'Webinar', '2025-03-01', 10_000),
    deal('W-b', 'Webinar', '2025-05-01', 20_000),
    deal('E-a', 'Events', '2025-02-01', 49_000),
    deal('E-b', 'Events', '2025-02-15', 1_000, '2025-05-01'),
    deal('T-a', 'Tiny', '2025-03-01', 1_000),
    deal('T-b', 'Tiny', '2025-06-01', 4_000),
  );
  await addMetricLeads(db, rows);
  return ids;
}

describeOnBackend('what changed: the sources behind the change in SRLs and pipeline', () => {
  let handle: DbHandle;
  let ids: Awaited<ReturnType<typeof seedChangesFixture>>;
  beforeAll(async () => {
    handle = await openTestDb();
    ids = await seedChangesFixture(handle);
  });
  afterAll(() => handle?.close());

  it('ranks the changes by their effect on the total, one per source, tiny bases and small moves left out', async () => {
    const result = await sourceChanges(handle.db, q2, q1);
    expect(result.totals).toEqual({
      salesReady: { current: 95, previous: 89 },
      pipeline: { current: 84_000, previous: 61_000 },
    });
    // Effects: Webinar pipeline +20,000 / 61,000; Events SRLs +9 / 89; Paid search −8 / 89; Partner −3 / 89
    // (fourth: cut). Webinar's SRLs (+2.5%), Events' pipeline (−2%) and everything of Tiny are left out.
    expect(result.changes).toEqual([
      {
        metric: 'pipeline',
        sourceId: ids.Webinar,
        source: 'Webinar',
        category: 'marketing',
        current: 30_000,
        previous: 10_000,
        change: 20_000,
        relativeChange: 2,
        effect: 20_000 / 61_000,
      },
      {
        metric: 'salesReady',
        sourceId: ids.Events,
        source: 'Events',
        category: 'marketing',
        current: 21,
        previous: 12,
        change: 9,
        relativeChange: 0.75,
        effect: 9 / 89,
      },
      {
        metric: 'salesReady',
        sourceId: ids['Paid search'],
        source: 'Paid search',
        category: 'marketing',
        current: 17,
        previous: 25,
        change: -8,
        relativeChange: -0.32,
        effect: -8 / 89,
      },
    ]);
    const more = await sourceChanges(handle.db, q2, q1, 10);
    expect(more.changes.map((c) => [c.source, c.metric])).toEqual([
      ['Webinar', 'pipeline'],
      ['Events', 'salesReady'],
      ['Paid search', 'salesReady'],
      ['Partner', 'salesReady'],
    ]);
  });

  it('uses the totals the overview shows', async () => {
    const kpis = await overviewKpis(handle.db, q2);
    const details = await overviewDetails(handle.db, q2);
    const { totals } = await sourceChanges(handle.db, q2, q1);
    expect(totals.salesReady.current).toBe(kpis.salesReady);
    expect(totals.pipeline.current).toBe(details.pipeline);
  });

  it('weighs a change against the filtered total, from the rollups as from the leads', async () => {
    const partner = await sourceChanges(handle.db, { ...q2, categories: ['partner'] }, q1);
    // Partner alone: 10 → 7 SRLs is −30% of its own total.
    expect(partner.changes).toEqual([
      expect.objectContaining({ source: 'Partner', metric: 'salesReady', change: -3, effect: -0.3 }),
    ]);
    expect(partner.totals.pipeline).toEqual({ current: 0, previous: 0 });
    for (const filter of [q2, { ...q2, sourceIds: [ids.Events, ids.Tiny] }]) {
      expect(await sourceChanges(handle.db, filter, q1, 10)).toStrictEqual(
        await sourceChanges(handle.db, filter, q1, 10, { rollups: false }),
      );
    }
  });

  it('reports no change where nothing happened', async () => {
    const none = await sourceChanges(
      handle.db,
      { ...q2, from: '2020-04-01', to: '2020-07-01' },
      {
        from: '2020-01-01',
        to: '2020-04-01',
      },
    );
    expect(none).toEqual({
      totals: { salesReady: { current: 0, previous: 0 }, pipeline: { current: 0, previous: 0 } },
      changes: [],
    });
  });

  it('puts a change in words', async () => {
    const { changes } = await sourceChanges(handle.db, q2, q1);
    expect(changes.map((c) => describeChange(c, 'vs last quarter'))).toEqual([
      'Webinar pipeline +200% vs last quarter ($30K vs $10K)',
      'Events SRLs +75% vs last quarter (21 vs 12)',
      'Paid search SRLs \u221232% vs last quarter (17 vs 25)',
    ]);
  });
});
