import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { pacingAlerts } from '@salesready/db/queries/pacing/pacing-alerts';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { type QuarterPacing, quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSharesOfTheGap } from '../helpers/pacing-fixtures';
import { openTestDb, testBackend } from '../helpers/test-db';

// The demo's story: Paid search volume drops ~40% from the current quarter's second week.
// PGlite only (the seed of 20,000 leads is the slow part; the same SQL runs on both elsewhere).
describe.skipIf(testBackend !== 'pglite')('pacing radar on the demo data [pglite]', () => {
  let handle: DbHandle;
  let p: QuarterPacing;
  beforeAll(async () => {
    handle = await openTestDb();
    await seedDemo(handle.db, { now: new Date('2026-11-23T15:30:00Z'), leads: 20_000 });
    const w = pacingWindow({
      quarter: '2026-Q4',
      asOf: '2026-11-23',
      timezone: 'UTC',
      fiscalYearStartMonth: 1,
      firstDataDate: await firstLeadDate(handle.db, 'UTC'),
    });
    p = await quarterPacing(handle.db, w, { from: w.quarter.from, to: w.quarter.to, timezone: 'UTC' });
  }, 90_000);
  afterAll(() => handle?.close());

  it('names Paid search as the largest contributor to the SRL gap, short on volume', () => {
    const srl = p.metrics.salesReady;
    expect(srl.overall.gap).toBeGreaterThan(0);
    expect(srl.explained?.largest?.source).toBe('Paid search');
    const paid = defined(srl.sources.find((s) => s.source === 'Paid search'));
    expect(paid.causes).toContain('volume');
    const volume = defined(paid.drivers.find((d) => d.driver === 'volume'));
    expect(volume.index).toBeLessThan(0.8);
    // The gap and its sources add up.
    expect(defined(srl.explained).rows.reduce((s, r) => s + r.gap, 0)).toBeCloseTo(
      defined(srl.overall.gap),
      6,
    );
  });

  it('shares each metric gap among its short sources: in [0, 1], adding up to 1', () => {
    for (const metric of ['leads', 'salesReady', 'pipeline', 'revenue'] as const) {
      const e = p.metrics[metric].explained;
      if (!e) continue;
      expectSharesOfTheGap(e);
    }
    // The demo's SRL gap has sources ahead of their part: they offset it, never a share above 100%.
    const srl = defined(p.metrics.salesReady.explained);
    expect(srl.shortfall - srl.offset).toBeCloseTo(srl.gap, 6);
    expect(defined(defined(srl.largest).shareOfGap)).toBeLessThanOrEqual(1);
  });

  it('keeps every range within 3× what is still to come, amounts included', () => {
    for (const metric of ['leads', 'salesReady', 'pipeline', 'revenue'] as const) {
      for (const f of [p.metrics[metric].overall, ...p.metrics[metric].sources]) {
        const rest = f.projection - f.actualToDate;
        expect(f.projectionLow).toBeLessThanOrEqual(f.projection + 1e-6);
        expect(f.projectionHigh).toBeLessThanOrEqual(f.actualToDate + 3 * rest + 1e-6);
      }
    }
  });

  it('raises the pacing alert with the cause in words', () => {
    const inputs = {
      pacing: p,
      handoff: {
        salesReady: 0,
        followedUp: 0,
        withinSla: 0,
        breached: 0,
        pending: 0,
        slaAttainment: null,
        medianHours: null,
        p75Hours: null,
        accepted: 0,
        acceptedRate: null,
        rejected: 0,
        rejectedRate: null,
        disqualified: 0,
        disqualifiedRate: null,
      },
      neglected: 0,
      stalled: 0,
      slaHours: 48,
      stalledDays: 14,
    };
    const alerts = pacingAlerts(inputs);
    const srl = alerts.find((a) => a.metric === 'salesReady');
    expect(srl?.title).toMatch(/^Projected SRLs \d+% under target: Paid search leads down \d+%$/);
    expect(srl?.link).toMatch(/^\/pacing\?quarter=2026-Q4&metric=salesReady&focus=\d+$/);
    // Its share of the gap is of the short sources' total, never above 100%.
    expect(srl?.values.largestSourceShare).toBe(
      defined(defined(p.metrics.salesReady.explained).largest).shareOfGap,
    );
    expect(srl?.values.largestSourceShare as number).toBeLessThanOrEqual(1);
    // On a closed quarter (its last day) the same alert says what happened, not what is projected.
    const ended = pacingAlerts({ ...inputs, pacing: { ...p, closed: true } }).find(
      (a) => a.metric === 'salesReady',
    );
    expect(ended?.title).toMatch(/^SRLs ended \d+% under target: Paid search leads down \d+%$/);
  });
});
