import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { timeToSalesReady } from '@salesready/db/queries/speed/time-to-sales-ready';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { addMetricLeads, addTouches, type TouchInput } from '../helpers/metrics-factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const q1 = { from: '2025-01-01', to: '2025-04-01', timezone: 'UTC' };

/**
 * Leads sales-ready in 2025-Q1 (UTC), with the days created → sales-ready and the marketing touches
 * from creation to sales-ready (both ends included) each one has:
 *
 *   lead  source   created           sales-ready       days  touches
 *   S1    Paid     01-01 00:00       01-01 12:00        0.5   0
 *   S2    Paid     01-02             01-04                2   7   segment ENT
 *   S3    Paid     01-05             01-15               10  15   segment ENT (+1 after SR, +1 sales: not counted)
 *   S11   Paid     01-20             01-21                1   8
 *   S4    Events   01-01             02-15               45  16
 *   S5    Events   2024-10-01        01-20              111  35
 *   S6    Events   01-10             01-13                3   2   (one at creation, one at SR: both count)
 *   S7    (none)   03-01             03-21               20   0
 *   S8    Partner  03-10             03-05 (before)       —   —   counted, not measured
 *   S9    Paid     02-01             04-02 (Q2)  and  S10 Partner 01-01, SR 2024-12-31: outside Q1
 */
async function seedSpeedFixture(handle: DbHandle) {
  const { db } = handle;
  await setSettings(db, { fiscalYearStartMonth: 1, timezone: 'UTC' });
  const paid = await addSource(db, 'Paid', 'marketing');
  const events = await addSource(db, 'Events', 'marketing');
  const partner = await addSource(db, 'Partner', 'partner');
  const lead = (
    externalId: string,
    sourceId: number | null,
    createdAt: string,
    sr: string,
    segment?: string,
  ) => ({
    externalId,
    sourceId,
    createdAt: `${createdAt}Z`,
    crmSalesReadyAt: `${sr}Z`,
    segment,
  });
  const ids = await addMetricLeads(db, [
    lead('S1', paid, '2025-01-01T00:00:00', '2025-01-01T12:00:00'),
    lead('S2', paid, '2025-01-02T00:00:00', '2025-01-04T00:00:00', 'ENT'),
    lead('S3', paid, '2025-01-05T00:00:00', '2025-01-15T00:00:00', 'ENT'),
    lead('S11', paid, '2025-01-20T00:00:00', '2025-01-21T00:00:00'),
    lead('S4', events, '2025-01-01T00:00:00', '2025-02-15T00:00:00'),
    lead('S5', events, '2024-10-01T00:00:00', '2025-01-20T00:00:00'),
    lead('S6', events, '2025-01-10T00:00:00', '2025-01-13T00:00:00'),
    lead('S7', null, '2025-03-01T00:00:00', '2025-03-21T00:00:00'),
    lead('S8', partner, '2025-03-10T00:00:00', '2025-03-05T00:00:00'),
    lead('S9', paid, '2025-02-01T00:00:00', '2025-04-02T00:00:00'),
    lead('S10', partner, '2025-01-01T00:00:00', '2024-12-31T00:00:00'),
  ]);
  const id = (key: string) => defined(ids.get(key));
  // `n` touches an hour apart from `start`.
  const hourly = (key: string, start: string, n: number): TouchInput[] =>
    Array.from({ length: n }, (_, i) => ({
      leadId: id(key),
      occurredAt: new Date(Date.parse(`${start}Z`) + i * 3_600_000).toISOString(),
      channel: 'paid',
    }));
  await addTouches(db, [
    ...hourly('S2', '2025-01-02T01:00:00', 7),
    ...hourly('S3', '2025-01-06T00:00:00', 15),
    { leadId: id('S3'), occurredAt: '2025-01-16T00:00:00Z' },
    { leadId: id('S3'), occurredAt: '2025-01-07T00:00:00Z', actor: 'sales', kind: 'call' },
    ...hourly('S11', '2025-01-20T01:00:00', 8),
    ...hourly('S4', '2025-01-02T00:00:00', 16),
    ...Array.from({ length: 35 }, (_, i) => ({
      leadId: id('S5'),
      occurredAt: new Date(Date.parse('2024-10-02T00:00:00Z') + i * 86_400_000).toISOString(),
    })),
    { leadId: id('S6'), occurredAt: '2025-01-10T00:00:00Z' },
    { leadId: id('S6'), occurredAt: '2025-01-13T00:00:00Z' },
    { leadId: id('S1'), occurredAt: '2024-12-31T00:00:00Z' },
  ]);
  return { paid, events, partner };
}

describeOnBackend('time to sales-ready on hand-computed leads', () => {
  let handle: DbHandle;
  let ids: { paid: number; events: number; partner: number };
  beforeAll(async () => {
    handle = await openTestDb();
    ids = await seedSpeedFixture(handle);
  });
  afterAll(() => handle?.close());

  it('gives the median, p75 and touches of the period SRLs, and leaves out those sales-ready before creation', async () => {
    const report = await timeToSalesReady(handle.db, q1);
    // Days sorted: 0.5 1 2 3 | 10 20 45 111 → median (3 + 10) / 2 = 6.5; p75 at rank 5.25: 20 + 0.25 × 25.
    // Touches sorted: 0 0 2 7 8 15 16 35 → median 7.5; 7–15: S2 S3 S11 → 3 of 8.
    expect(report.totals).toEqual({
      salesReady: 9,
      measured: 8,
      medianDaysToSalesReady: 6.5,
      p75DaysToSalesReady: 26.25,
      medianTouchesToSalesReady: 7.5,
      touchesToSalesReady7To15Share: 0.375,
    });
  });

  it('buckets the days at 1, 3, 7, 14, 30, 60 and 90 days, each bucket from its lower bound', async () => {
    const { days } = await timeToSalesReady(handle.db, q1);
    expect(days).toEqual([
      { fromDays: 0, toDays: 1, leads: 1 }, // S1
      { fromDays: 1, toDays: 3, leads: 2 }, // S11 (1 day exactly), S2
      { fromDays: 3, toDays: 7, leads: 1 }, // S6 (3 days exactly)
      { fromDays: 7, toDays: 14, leads: 1 }, // S3
      { fromDays: 14, toDays: 30, leads: 1 }, // S7
      { fromDays: 30, toDays: 60, leads: 1 }, // S4
      { fromDays: 60, toDays: 90, leads: 0 },
      { fromDays: 90, toDays: null, leads: 1 }, // S5
    ]);
  });

  it('counts touches one bucket per count, 30 and more in the last', async () => {
    const { touches } = await timeToSalesReady(handle.db, q1);
    expect(touches).toHaveLength(31);
    const nonZero = touches.filter((t) => t.leads > 0).map((t) => [t.touches, t.leads, t.orMore]);
    expect(nonZero).toEqual([
      [0, 2, false], // S1 (its touch before creation does not count), S7
      [2, 1, false], // S6
      [7, 1, false], // S2
      [8, 1, false], // S11
      [15, 1, false], // S3
      [16, 1, false], // S4
      [30, 1, true], // S5: 35
    ]);
  });

  it('gives each source its own median and p75, most SRLs first', async () => {
    const { bySource } = await timeToSalesReady(handle.db, q1);
    expect(bySource).toEqual([
      // Paid: 0.5 1 2 10 → median 1.5, p75 2 + 0.25 × 8 = 4; touches 0 7 8 15 → 7.5, 3 of 4 in 7–15.
      {
        sourceId: ids.paid,
        source: 'Paid',
        category: 'marketing',
        salesReady: 4,
        measured: 4,
        medianDaysToSalesReady: 1.5,
        p75DaysToSalesReady: 4,
        medianTouchesToSalesReady: 7.5,
        touchesToSalesReady7To15Share: 0.75,
      },
      // Events: 3 45 111 → median 45, p75 45 + 0.5 × 66 = 78; touches 2 16 35 → 16, none in 7–15.
      {
        sourceId: ids.events,
        source: 'Events',
        category: 'marketing',
        salesReady: 3,
        measured: 3,
        medianDaysToSalesReady: 45,
        p75DaysToSalesReady: 78,
        medianTouchesToSalesReady: 16,
        touchesToSalesReady7To15Share: 0,
      },
      // Partner: S8 only, sales-ready before creation: counted, nothing measured.
      {
        sourceId: ids.partner,
        source: 'Partner',
        category: 'partner',
        salesReady: 1,
        measured: 0,
        medianDaysToSalesReady: null,
        p75DaysToSalesReady: null,
        medianTouchesToSalesReady: null,
        touchesToSalesReady7To15Share: null,
      },
      {
        sourceId: null,
        source: 'Unknown',
        category: 'other',
        salesReady: 1,
        measured: 1,
        medianDaysToSalesReady: 20,
        p75DaysToSalesReady: 20,
        medianTouchesToSalesReady: 0,
        touchesToSalesReady7To15Share: 0,
      },
    ]);
  });

  it('takes the lead filters: a segment reads the leads, a source the rollups, with the same answer', async () => {
    const ent = await timeToSalesReady(handle.db, { ...q1, segments: ['ENT'] });
    // S2 (2 days, 7 touches) and S3 (10 days, 15 touches).
    expect(ent.totals).toEqual({
      salesReady: 2,
      measured: 2,
      medianDaysToSalesReady: 6,
      p75DaysToSalesReady: 8,
      medianTouchesToSalesReady: 11,
      touchesToSalesReady7To15Share: 1,
    });
    const partner = await timeToSalesReady(handle.db, { ...q1, categories: ['partner'] });
    expect(partner.totals).toMatchObject({ salesReady: 1, measured: 0, medianDaysToSalesReady: null });
    expect(partner.days.every((d) => d.leads === 0)).toBe(true);
    for (const filter of [q1, { ...q1, sourceIds: [ids.paid] }, { ...q1, categories: ['other' as const] }]) {
      expect(await timeToSalesReady(handle.db, filter)).toStrictEqual(
        await timeToSalesReady(handle.db, filter, { rollups: false }),
      );
    }
  });

  it("equals the overview's figures for the same filter", async () => {
    for (const filter of [q1, { ...q1, sourceIds: [ids.events] }, { ...q1, segments: ['ENT'] }]) {
      const { totals } = await timeToSalesReady(handle.db, filter);
      const kpis = await overviewKpis(handle.db, filter);
      const details = await overviewDetails(handle.db, filter);
      expect(totals.salesReady).toBe(kpis.salesReady);
      expect(totals.medianDaysToSalesReady).toBe(kpis.medianDaysToSalesReady);
      expect(totals.p75DaysToSalesReady).toBe(details.p75DaysToSalesReady);
      expect(totals.medianTouchesToSalesReady).toBe(details.medianTouchesToSalesReady);
      expect(totals.touchesToSalesReady7To15Share).toBe(details.touchesToSalesReady7To15Share);
    }
  });

  it('gives zeros and nulls, not NaN, for a period without SRLs', async () => {
    const none = await timeToSalesReady(handle.db, { ...q1, from: '2020-01-01', to: '2020-04-01' });
    expect(none.totals).toEqual({
      salesReady: 0,
      measured: 0,
      medianDaysToSalesReady: null,
      p75DaysToSalesReady: null,
      medianTouchesToSalesReady: null,
      touchesToSalesReady7To15Share: null,
    });
    expect(none.bySource).toEqual([]);
    expect(none.days).toHaveLength(8);
    expect(none.touches.reduce((sum, t) => sum + t.leads, 0)).toBe(0);
  });
});
