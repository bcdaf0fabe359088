import { withComparisons } from '@salesready/api/figures/comparisons';
import { resolvePeriods } from '@salesready/api/figures/period-query';
import type { DbHandle } from '@salesready/db/client';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addMetricLeads, type MetricLead } from '../helpers/metrics-factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const day = 86_400_000;
const now = new Date('2026-10-30T12:00:00Z'); // day 30 of 2026-Q4 (UTC, fiscal year from January)

/**
 * Two quarters with the same true SRL rate (every other lead becomes sales-ready 20 days after it was
 * created): thirty leads on the first thirty days of each. By day 30 of Q4 only the first ten days'
 * leads have had time to convert; Q3's had the whole quarter.
 */
function quarterLeads(prefix: string, start: string, until: Date): MetricLead[] {
  return Array.from({ length: 30 }, (_, d) => {
    const created = Date.parse(`${start}T12:00:00Z`) + d * day;
    const ready = created + 20 * day;
    return {
      externalId: `${prefix}-${d}`,
      createdAt: new Date(created).toISOString(),
      ...(d % 2 === 0 && ready <= until.getTime() && { crmSalesReadyAt: new Date(ready).toISOString() }),
    };
  });
}

describeOnBackend('comparisons of a quarter in progress, as of the same day', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
    await addMetricLeads(handle.db, [
      ...quarterLeads('q3', '2026-07-01', now),
      ...quarterLeads('q4', '2026-10-01', now),
    ]);
  });
  afterAll(() => handle?.close());

  it('shows no drop in SRL rate at day 30 when the true rate is unchanged', async () => {
    const periods = await resolvePeriods(handle.db, { quarter: '2026-Q4' }, now);
    expect(periods.daysElapsed).toBe(30);
    expect(periods.previous).toMatchObject({ label: '2026-Q3', from: '2026-07-01', to: '2026-07-31' });
    const kpis = await withComparisons(handle.db, periods, overviewKpis);
    // Q4: of 30 leads, the 5 created on even days 0–8 are sales-ready by day 30.
    expect(kpis.salesReadyRate.value).toBeCloseTo(5 / 30, 12);
    // Q3 as of its own day 30: the same 5 of 30, not the 15 its leads reached later.
    expect(kpis.salesReadyRate.previous).toBeCloseTo(5 / 30, 12);
    // Volume compares like for like as before.
    expect(kpis.leads).toMatchObject({ value: 30, previous: 30 });
  });

  it('compares a closed quarter with what its leads reached by today', async () => {
    const periods = await resolvePeriods(handle.db, { quarter: '2026-Q3' }, now);
    expect(periods.daysElapsed).toBeNull();
    const kpis = await withComparisons(handle.db, periods, overviewKpis);
    expect(kpis.salesReadyRate.value).toBeCloseTo(15 / 30, 12);
  });
});
