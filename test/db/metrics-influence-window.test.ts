import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import {
  type Contribution,
  type MarketingContribution,
  marketingContribution,
} from '@salesready/db/queries/attribution/marketing-contribution';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { addMetricLeads, addTouches } from '../helpers/metrics-factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const q2 = { from: '2025-04-01', to: '2025-07-01', timezone: 'UTC' };

/** Both ways of answering: the rollups kept on write and the raw leads and touches. */
async function both(handle: DbHandle): Promise<MarketingContribution> {
  const kept = await marketingContribution(handle.db, q2);
  const raw = await marketingContribution(handle.db, q2, { rollups: false });
  expect(kept).toEqual(raw);
  return kept;
}

const add = (a: Contribution, b: Contribution): Contribution => ({
  ...a,
  total: a.total + b.total,
  deals: a.deals + b.deals,
  sourced: a.sourced + b.sourced,
  sourcedDeals: a.sourcedDeals + b.sourcedDeals,
  influenced: a.influenced + b.influenced,
  influencedDeals: a.influencedDeals + b.influencedDeals,
});

describeOnBackend('marketing influence within a window before the opportunity', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
    const paid = await addSource(handle.db, 'Paid', 'marketing');
    const outbound = await addSource(handle.db, 'Outbound', 'sales');
    const ids = await addMetricLeads(handle.db, [
      // Won May 20, opportunity Apr 11: its only marketing touch Jan 1 is 100 days before the opportunity.
      {
        externalId: 'FAR',
        createdAt: '2024-12-01T00:00:00Z',
        sourceId: outbound,
        opportunityAt: '2025-04-11T00:00:00Z',
        wonAt: '2025-05-20T00:00:00Z',
        amount: 1000,
      },
      // Won Jun 1, opportunity May 1: a marketing touch Apr 21, 10 days before; a sales touch does not count.
      {
        externalId: 'NEAR',
        createdAt: '2025-03-01T00:00:00Z',
        sourceId: paid,
        opportunityAt: '2025-05-01T00:00:00Z',
        wonAt: '2025-06-01T00:00:00Z',
        amount: 2000,
      },
      // Open on Jul 1 (opportunity Jun 10): a marketing touch Mar 2, exactly 100 days before, and one after it.
      {
        externalId: 'OPEN',
        createdAt: '2025-02-01T00:00:00Z',
        sourceId: paid,
        opportunityAt: '2025-06-10T00:00:00Z',
        amount: 500,
      },
      // Open on Jul 1, no source, no touch at all.
      {
        externalId: 'BARE',
        createdAt: '2025-04-02T00:00:00Z',
        opportunityAt: '2025-04-20T00:00:00Z',
        amount: 300,
      },
    ]);
    await addTouches(handle.db, [
      { leadId: defined(ids.get('FAR')), occurredAt: '2025-01-01T00:00:00Z' },
      { leadId: defined(ids.get('FAR')), occurredAt: '2025-04-01T00:00:00Z', actor: 'sales' },
      { leadId: defined(ids.get('NEAR')), occurredAt: '2025-04-21T00:00:00Z' },
      { leadId: defined(ids.get('OPEN')), occurredAt: '2025-03-02T00:00:00Z' },
      { leadId: defined(ids.get('OPEN')), occurredAt: '2025-06-15T00:00:00Z' },
    ]);
  });
  afterAll(() => handle?.close());

  it('at the default 90 days, a touch 100 days before the opportunity does not influence', async () => {
    const m = await both(handle);
    expect(m.influenceWindowDays).toBe(90);
    // Won: FAR 1000 (Outbound, not influenced) + NEAR 2000 (Paid: sourced, influenced).
    expect(m.revenue).toEqual({
      total: 3000,
      deals: 2,
      sourced: 2000,
      sourcedDeals: 1,
      influenced: 2000,
      influencedDeals: 1,
      sourcedShare: 2000 / 3000,
      influencedShare: 2000 / 3000,
    });
    // Open on Jul 1: OPEN 500 (Paid: sourced; its touch 100 days before, the later one after) + BARE 300.
    expect(m.pipeline).toMatchObject({
      total: 800,
      deals: 2,
      sourced: 500,
      influenced: 0,
      influencedDeals: 0,
    });
  });

  it('at 120 days the same touches influence', async () => {
    await setSettings(handle.db, { influenceWindowDays: 120 });
    const m = await both(handle);
    expect(m.influenceWindowDays).toBe(120);
    expect(m.revenue).toMatchObject({
      total: 3000,
      influenced: 3000,
      influencedDeals: 2,
      influencedShare: 1,
    });
    expect(m.pipeline).toMatchObject({
      total: 800,
      influenced: 500,
      influencedDeals: 1,
      influencedShare: 500 / 800,
    });
    // Each change of the window rebuilds the kept facts: 100 days still reaches FAR, 99 does not.
    await setSettings(handle.db, { influenceWindowDays: 100 });
    expect((await both(handle)).revenue.influencedDeals).toBe(2);
    await setSettings(handle.db, { influenceWindowDays: 99 });
    expect((await both(handle)).revenue.influencedDeals).toBe(1);
    await setSettings(handle.db, { influenceWindowDays: 90 });
  });

  it('splits sourced and influenced per source, adding up to the totals', async () => {
    const m = await both(handle);
    expect(
      m.bySource.map((s) => [s.source, s.category, s.revenue.total, s.revenue.influenced, s.pipeline.total]),
    ).toEqual([
      ['Paid', 'marketing', 2000, 2000, 500],
      ['Outbound', 'sales', 1000, 0, 0],
      ['Unknown', 'other', 0, 0, 300],
    ]);
    const paid = defined(m.bySource[0]);
    expect(paid.revenue).toEqual({
      total: 2000,
      deals: 1,
      sourced: 2000,
      sourcedDeals: 1,
      influenced: 2000,
      influencedDeals: 1,
      sourcedShare: 1,
      influencedShare: 1,
    });
    for (const part of ['pipeline', 'revenue'] as const) {
      const summed = m.bySource.map((s) => s[part]).reduce(add);
      const { sourcedShare: _s, influencedShare: _i, ...counts } = m[part];
      expect(summed).toMatchObject(counts);
    }
  });

  it('refuses a window outside 1–730 days', async () => {
    await expect(setSettings(handle.db, { influenceWindowDays: 0 })).rejects.toThrow();
    await expect(setSettings(handle.db, { influenceWindowDays: 731 })).rejects.toThrow();
  });
});
