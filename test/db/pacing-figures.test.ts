import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { type QuarterPacing, quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource, setSettings } from '../helpers/factories';
import { findNonFinite, insertFunnelLeads, insertTargets, leadSeries } from '../helpers/pacing-fixtures';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

async function pacingAsOf(handle: DbHandle, quarter: string, asOf: string, fiscal = 1, timezone = 'UTC') {
  const w = pacingWindow({
    quarter,
    asOf,
    timezone,
    fiscalYearStartMonth: fiscal,
    firstDataDate: await firstLeadDate(handle.db, timezone),
  });
  return quarterPacing(handle.db, w, { from: w.quarter.from, to: w.quarter.to, timezone });
}

/**
 * No history at all: the expected share is linear. 2026-Q1 (UTC, January start) has 90 days; as
 * of 2026-01-30, 30 have elapsed (1/3). Source A: a lead a day, 30 so far, 28 in the trailing
 * 28-day window (days 2–29, a window share of 28/90) → run rate 28 ÷ 28/90 = 90 for the quarter,
 * 60 still to come → projection 90. Source B: two a day → 60 so far, projection 180.
 */
describeOnBackend('pacing with no history (linear fallback), zero and missing targets', () => {
  let handle: DbHandle;
  let p: QuarterPacing;
  let a: number;
  let b: number;
  beforeAll(async () => {
    handle = await openTestDb();
    a = await addSource(handle.db, 'Source A');
    b = await addSource(handle.db, 'Source B');
    await insertFunnelLeads(handle.db, [
      ...leadSeries('a', '2026-01-01T12:00:00Z', 30, 24, { sourceId: a }),
      ...leadSeries('b1', '2026-01-01T12:00:00Z', 30, 24, { sourceId: b }),
      ...leadSeries('b2', '2026-01-01T13:00:00Z', 30, 24, { sourceId: b }),
    ]);
    await insertTargets(handle.db, [
      { quarter: '2026-Q1', metric: 'leads', value: 300 },
      { quarter: '2026-Q1', metric: 'leads', sourceId: a, value: 100 },
      { quarter: '2026-Q1', metric: 'sales_ready', value: 0 },
    ]);
    p = await pacingAsOf(handle, '2026-Q1', '2026-01-30');
  });
  afterAll(() => handle?.close());

  it('places the day in its quarter', () => {
    expect(p).toMatchObject({ daysElapsed: 30, daysInQuarter: 90, weeksRemaining: 8.6 });
    expect(p.history).toEqual({ quarters: [], shape: 'linear' });
  });

  it('projects each source from its run rate and sums them', () => {
    const leads = p.metrics.leads;
    const [sa, sb] = leads.sources;
    // A: expected 100 × 1/3; pacing 30 ÷ 33.3 = 0.9; gap 100 − 90. Range: remaining × 0.75 and × 1.25.
    expect(sa).toMatchObject({ source: 'Source A', target: 100, actualToDate: 30 });
    expect(defined(sa).expectedToDate).toBeCloseTo(33.333, 3);
    expect(defined(sa).pacing).toBeCloseTo(0.9, 9);
    expect(defined(sa).projection).toBeCloseTo(90, 9);
    expect(defined(sa).gap).toBeCloseTo(10, 9);
    expect(defined(sa).projectionLow).toBeCloseTo(30 + 60 * 0.75, 9);
    expect(defined(sa).projectionHigh).toBeCloseTo(30 + 60 * 1.25, 9);
    // B has no target of its own: no expected-to-date, pacing or gap.
    expect(sb).toMatchObject({
      source: 'Source B',
      target: null,
      expectedToDate: null,
      pacing: null,
      gap: null,
    });
    expect(defined(sb).projection).toBeCloseTo(180, 9);
    // Overall: 300 × 1/3 = 100 expected, 90 ÷ 100 = 0.9; 90 + 180 = 270 projected → gap 30.
    expect(leads.overall.expectedToDate).toBeCloseTo(100, 9);
    expect(leads.overall.pacing).toBeCloseTo(0.9, 9);
    expect(leads.overall.projection).toBeCloseTo(270, 9);
    expect(leads.overall.gap).toBeCloseTo(30, 9);
  });

  it('splits the gap: own target, nothing to share with B, the rest unallocated', () => {
    const rows = defined(p.metrics.leads.explained).rows;
    // A: 100 − 90 = 10. B: no target and no history share → measured against 0: −180.
    // Unallocated: 300 − 100 = 200. 10 − 180 + 200 = 30 = the gap.
    expect(rows.map((r) => [r.source, r.basis, r.allocatedTarget, Math.round(r.gap * 1e6) / 1e6])).toEqual([
      ['Source A', 'own', 100, 10],
      ['Source B', 'none', 0, -180],
      ['(target not allocated to a source)', 'unallocated', 200, 200],
    ]);
    expect(rows.reduce((s, r) => s + r.gap, 0)).toBeCloseTo(defined(p.metrics.leads.overall.gap), 9);
    expect(defined(p.metrics.leads.explained).largest?.source).toBe('Source A');
  });

  it('says what closing the gap takes per remaining week', () => {
    const c = defined(p.metrics.leads.closing);
    const weeks = 60 / 7;
    expect(c.requiredPerWeek).toBeCloseTo((300 - 90) / weeks, 9);
    expect(c.projectedPerWeek).toBeCloseTo(180 / weeks, 9);
    expect(c.perWeek).toBeCloseTo(30 / weeks, 9);
    expect(c.sources).toHaveLength(1);
    expect(defined(c.sources[0]).perWeek).toBeCloseTo(10 / weeks, 9);
  });

  it('gives nulls, never NaN, for a zero target and for no target', () => {
    const srl = p.metrics.salesReady.overall;
    expect(srl).toMatchObject({
      target: 0,
      expectedToDate: 0,
      pacing: null,
      actualToDate: 0,
      projection: 0,
      gap: 0,
    });
    expect(p.metrics.pipeline.overall).toMatchObject({
      target: null,
      expectedToDate: null,
      pacing: null,
      gap: null,
    });
    expect(p.metrics.pipeline.explained).toBeNull();
    expect(p.nextQuarter).toMatchObject({
      revenueTarget: null,
      winRate: null,
      coverageNeeded: null,
      coverage: null,
    });
    expect(findNonFinite(p)).toEqual([]);
  });
});

/**
 * The historical shape, with a fiscal year starting in February and New York time. 2026-Q1 runs
 * 2025-02-01..2025-05-01 (89 days); as of 2025-02-14, 14 days have elapsed. Its two history
 * quarters reached a quarter of their final in their first 14 days: 2025-Q4 10 of 40 (one of the
 * 40 created at 23:30 on 31 January in New York, 1 February in UTC), 2025-Q3 5 of 20.
 */
describeOnBackend('pacing on the historical shape (February fiscal year, New York time)', () => {
  let handle: DbHandle;
  let p: QuarterPacing;
  beforeAll(async () => {
    handle = await openTestDb();
    await setSettings(handle.db, { fiscalYearStartMonth: 2, timezone: 'America/New_York' });
    const s = await addSource(handle.db, 'Paid search');
    await insertFunnelLeads(handle.db, [
      ...leadSeries('q3-early', '2024-08-01T15:00:00Z', 5, 24, { sourceId: s }),
      ...leadSeries('q3-late', '2024-08-31T15:00:00Z', 15, 24, { sourceId: s }),
      ...leadSeries('q4-early', '2024-11-01T15:00:00Z', 10, 24, { sourceId: s }),
      ...leadSeries('q4-late', '2024-11-21T15:00:00Z', 29, 24, { sourceId: s }),
      { externalId: 'q4-boundary', createdAt: '2025-02-01T04:30:00Z', sourceId: s },
      ...leadSeries('q1', '2025-02-02T15:00:00Z', 12, 24, { sourceId: s }),
    ]);
    await insertTargets(handle.db, [{ quarter: '2026-Q1', metric: 'leads', value: 60 }]);
    p = await pacingAsOf(handle, '2026-Q1', '2025-02-14', 2, 'America/New_York');
  });
  afterAll(() => handle?.close());

  it('reads the quarter and its history in local fiscal terms', () => {
    expect(p.quarter).toEqual({ label: '2026-Q1', from: '2025-02-01', to: '2025-05-01' });
    expect(p).toMatchObject({ daysElapsed: 14, daysInQuarter: 89 });
    expect(p.history).toEqual({ quarters: ['2025-Q4', '2025-Q3'], shape: 'historical' });
  });

  it('expects the usual share by now, and projects from the run rate and the usual final', () => {
    const o = p.metrics.leads.overall;
    // The boundary lead is in 2025-Q4 locally: 12 leads so far, not 13.
    expect(o.actualToDate).toBe(12);
    // Shape: mean of 10/40 and 5/20 = 0.25. Expected 60 × 0.25 = 15; pacing 12 ÷ 15 = 0.8.
    expect(o.expectedShare).toBeCloseTo(0.25, 12);
    expect(o.expectedToDate).toBeCloseTo(15, 9);
    expect(o.pacing).toBeCloseTo(0.8, 9);
    // Run rate 12 ÷ 0.25 = 48; usual final (40 + 20) ÷ 2 = 30. Credibility of 12 leads seen:
    // z = 12 ÷ (12 + 20) = 0.375 → final 0.375 × 48 + 0.625 × 30 = 36.75; 75% still to come:
    // 27.5625 → projection 39.5625, gap 60 − 39.5625 = 20.4375.
    expect(o.projectionParts.runRate).toBeCloseTo(27.5625, 9);
    expect(o.projection).toBeCloseTo(39.5625, 9);
    expect(o.gap).toBeCloseTo(20.4375, 9);
    // Range: each history quarter's remaining ÷ what the mean shape predicts from its first 14
    // days (+1 smoothing): (30/11)/3 = 0.9091 and (15/6)/3 = 0.8333; P10 = 0.8409, P90 < 1 → the
    // projection itself is the top of the range.
    expect(o.projectionLow).toBeCloseTo(
      12 + 27.5625 * (0.8333333333 + 0.1 * (0.9090909091 - 0.8333333333)),
      6,
    );
    expect(o.projectionHigh).toBeCloseTo(39.5625, 9);
  });
});

/**
 * Conversion still expected from leads already in the funnel. History: 100 leads created on
 * 2025-04-02, 50 of them sales-ready 10.5 days later; two leads of 2025-12-21 still waiting.
 * 2026-Q1 as of 2026-01-10 (cutoff 2026-01-11, 80 days left): four leads created 2026-01-05.
 * At day 10 after creation 102 leads were at risk (the four new ones are only 5 days old) and 50
 * became sales-ready: hazard 50/102, so CI(k) = 50/102 from day 11 on and 0 before.
 */
describeOnBackend('pacing projection from the funnel (historical conversion and lag)', () => {
  let handle: DbHandle;
  let p: QuarterPacing;
  beforeAll(async () => {
    handle = await openTestDb();
    const s = await addSource(handle.db, 'Inbound');
    await insertFunnelLeads(handle.db, [
      ...leadSeries('ready', '2025-04-02T00:00:00Z', 50, 0, {
        sourceId: s,
        salesReadyAt: '2025-04-12T12:00:00Z',
      }),
      ...leadSeries('cold', '2025-04-02T00:00:00Z', 50, 0, { sourceId: s }),
      ...leadSeries('dec', '2025-12-21T12:00:00Z', 2, 0, { sourceId: s }),
      ...leadSeries('new', '2026-01-05T12:00:00Z', 4, 0, { sourceId: s }),
    ]);
    await insertTargets(handle.db, [{ quarter: '2026-Q1', metric: 'sales_ready', value: 10 }]);
    p = await pacingAsOf(handle, '2026-Q1', '2026-01-10');
  });
  afterAll(() => handle?.close());

  it('expects the waiting leads to convert at the historical rate within the lag', () => {
    const srl = p.metrics.salesReady.overall;
    // The four 5-day-old leads: (CI(85) − CI(5)) ÷ S(5) = 50/102 each → 200/102. The December
    // pair and the 50 cold leads are past day 10: nothing more expected. No SRL yet this quarter,
    // none expected yet either, so the quality index is (0 + 20) ÷ (0 + 20) = 1.
    expect(srl.actualToDate).toBe(0);
    expect(srl.projectionParts.funnel).toBeCloseTo(200 / 102, 9);
  });

  it('converts the leads still to come at the in-quarter yield', () => {
    const leads = p.metrics.leads.overall;
    // Lead shape: 2025-Q4 had 0 of its 2 leads by day 10, 2025-Q2 all 100 (created on day 1):
    // share 0.5, window share 0.5. Run rate 4 ÷ 0.5 = 8; usual final (2 + 0 + 100) ÷ 3 = 34;
    // credibility 17 ÷ (17 + 20) → final (17 × 8 + 20 × 34) ÷ 37 = 816/37; half to come: 408/37.
    expect(leads.projectionParts.runRate).toBeCloseTo(408 / 37, 9);
    // A lead created on one of the 80 remaining days (uniformly) is sales-ready by quarter end
    // with chance mean(CI(1..80)) = 70 × (50/102) ÷ 80.
    const yieldPerLead = (70 * (50 / 102)) / 80;
    const srl = p.metrics.salesReady.overall;
    expect(srl.projectionParts.runRate).toBeCloseTo((408 / 37) * yieldPerLead, 9);
    expect(srl.projection).toBeCloseTo((408 / 37) * yieldPerLead + 200 / 102, 9);
    expect(srl.gap).toBeCloseTo(10 - srl.projection, 9);
    // SRL history has one quarter with SRLs: linear share 10/90 → expected 10/9 by now.
    expect(srl.expectedShare).toBeCloseTo(10 / 90, 12);
    expect(srl.expectedToDate).toBeCloseTo(10 / 9, 9);
    expect(srl.pacing).toBe(0);
    // Closing: the gap per remaining week, and the leads a week that bring it at that yield.
    const closing = defined(p.metrics.salesReady.closing);
    expect(closing.feeder).toBe('leads');
    expect(closing.perWeek).toBeCloseTo(defined(srl.gap) / (80 / 7), 9);
    expect(closing.feederPerWeek).toBeCloseTo(closing.perWeek / yieldPerLead, 6);
  });
});

/**
 * Shares of the gap that add up to 100%. No history (linear), 2026-Q1 as of 2026-01-30 as above:
 * a source with a lead a day is projected at 90, two a day at 180. A (90) against its own 120 is
 * short by 30, B (90) against 100 short by 10, C (180) against 165 ahead by 15. The overall target
 * 385 is the sum of the three (nothing unallocated): projection 360, gap 25 = 40 short − 15 ahead.
 * Shares: 30 ÷ 40 = 75% and 10 ÷ 40 = 25%; C takes no share, it covers 15 of the 40.
 */
describeOnBackend(
  'shares of the gap: short sources against the shortfall, sources ahead as an offset',
  () => {
    let handle: DbHandle;
    let a: number;
    let b: number;
    let c: number;
    beforeAll(async () => {
      handle = await openTestDb();
      a = await addSource(handle.db, 'Short thirty');
      b = await addSource(handle.db, 'Short ten');
      c = await addSource(handle.db, 'Ahead fifteen');
      await insertFunnelLeads(handle.db, [
        ...leadSeries('a', '2026-01-01T12:00:00Z', 30, 24, { sourceId: a }),
        ...leadSeries('b', '2026-01-01T12:00:00Z', 30, 24, { sourceId: b }),
        ...leadSeries('c1', '2026-01-01T12:00:00Z', 30, 24, { sourceId: c }),
        ...leadSeries('c2', '2026-01-01T13:00:00Z', 30, 24, { sourceId: c }),
      ]);
      await insertTargets(handle.db, [
        { quarter: '2026-Q1', metric: 'leads', value: 385 },
        { quarter: '2026-Q1', metric: 'leads', sourceId: a, value: 120 },
        { quarter: '2026-Q1', metric: 'leads', sourceId: b, value: 100 },
        { quarter: '2026-Q1', metric: 'leads', sourceId: c, value: 165 },
      ]);
    });
    afterAll(() => handle?.close());

    it('gives the short sources 75% and 25%, and the source ahead as a 15 offset', async () => {
      const p = await pacingAsOf(handle, '2026-Q1', '2026-01-30');
      expect(p.closed).toBe(false);
      const e = defined(p.metrics.leads.explained);
      const byName = new Map(e.rows.map((r) => [r.source, r]));
      expect(defined(byName.get('Short thirty')).gap).toBeCloseTo(30, 9);
      expect(defined(byName.get('Short ten')).gap).toBeCloseTo(10, 9);
      expect(defined(byName.get('Ahead fifteen')).gap).toBeCloseTo(-15, 9);
      expect(defined(byName.get('Short thirty')).shareOfGap).toBeCloseTo(0.75, 9);
      expect(defined(byName.get('Short ten')).shareOfGap).toBeCloseTo(0.25, 9);
      expect(defined(byName.get('Ahead fifteen')).shareOfGap).toBeNull();
      expect(e.rows.some((r) => r.basis === 'unallocated')).toBe(false);
      expect(e.shortfall).toBeCloseTo(40, 9);
      expect(e.offset).toBeCloseTo(15, 9);
      expect(e.coveredBy).toHaveLength(1);
      expect(e.coveredBy[0]).toMatchObject({ sourceId: c, source: 'Ahead fifteen', basis: 'own' });
      expect(defined(e.coveredBy[0]).surplus).toBeCloseTo(15, 9);
      // 40 short − 15 ahead = 25 = the gap; the shares add up to 100%, none outside [0, 1].
      expect(e.gap).toBeCloseTo(25, 9);
      expect(e.shortfall - e.offset).toBeCloseTo(defined(p.metrics.leads.overall.gap), 9);
      const shares = e.rows.flatMap((r) => (r.shareOfGap === null ? [] : [r.shareOfGap]));
      expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
      for (const share of shares) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
      expect(e.largest?.source).toBe('Short thirty');
      // Each short source's part of what closing it takes is its own gap, not a share of the net one.
      expect(
        defined(p.metrics.leads.closing)
          .sources.map((s) => s.source)
          .sort(),
      ).toEqual(['Short ten', 'Short thirty']);
    });

    it('reads a closed quarter as closed: actual against target, no projection still to come', async () => {
      // As of a day after the quarter: 30, 30 and 60 leads in the end, short by 90, 70 and 105.
      const p = await pacingAsOf(handle, '2026-Q1', '2026-04-15');
      expect(p).toMatchObject({ closed: true, daysElapsed: 90, daysInQuarter: 90, weeksRemaining: 0 });
      const leads = p.metrics.leads;
      expect(leads.overall.actualToDate).toBe(120);
      for (const f of [leads.overall, ...leads.sources]) {
        expect(f.projection).toBe(f.actualToDate);
        expect(f.projectionLow).toBe(f.actualToDate);
        expect(f.projectionHigh).toBe(f.actualToDate);
        expect(f.projectionParts).toMatchObject({ runRate: 0, funnel: 0 });
        if (f.target !== null) expect(f.gap).toBe(f.target - f.actualToDate);
      }
      expect(leads.overall.gap).toBe(385 - 120);
      expect(leads.closing).toBeNull();
      const e = defined(leads.explained);
      expect(e.offset).toBe(0);
      expect(e.coveredBy).toEqual([]);
      expect(e.shortfall).toBe(265);
      expect(
        e.rows
          .map((r) => [r.source, r.gap, Math.round(defined(r.shareOfGap) * 1e9) / 1e9])
          .sort((x, y) => +defined(x[1]) - +defined(y[1])),
      ).toEqual([
        ['Short ten', 70, Math.round((70 / 265) * 1e9) / 1e9],
        ['Short thirty', 90, Math.round((90 / 265) * 1e9) / 1e9],
        ['Ahead fifteen', 105, Math.round((105 / 265) * 1e9) / 1e9],
      ]);
    });

    it('is still open on a day inside the quarter, and closed from its last day', async () => {
      expect((await pacingAsOf(handle, '2026-Q1', '2026-03-30')).closed).toBe(false);
      expect((await pacingAsOf(handle, '2026-Q1', '2026-03-31')).closed).toBe(true);
    });
  },
);
