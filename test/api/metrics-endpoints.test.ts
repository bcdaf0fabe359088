import { quarterOfDate, shiftQuarter, todayIn } from '@salesready/db/periods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MetricsFixture, seedMetricsFixture } from '../helpers/metrics-fixture';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { openTestApp, signedInCookie, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('GET /api/metrics/* shapes and figures', () => {
  describe('on metrics-fixture.ts (UTC, fiscal year from January)', () => {
    let t: TestApp;
    let cookie: string;
    let f: MetricsFixture;
    const get = async (path: string) => {
      const res = await t.app.request(path, { headers: { cookie } });
      expect(res.status, await res.clone().text()).toBe(200);
      return res.json();
    };

    beforeAll(async () => {
      t = await openTestApp();
      f = await seedMetricsFixture(t.handle.db);
      cookie = await signedInCookie(t);
    });
    afterAll(() => t?.close());

    it('overview: the headline KPIs and the details, each with previous quarter and year ago', async () => {
      const body = await get('/api/metrics/overview?quarter=2025-Q1');
      expect(body.kpis.leads).toEqual({ value: 9, previous: 1, yearAgo: 0 });
      expect(Object.keys(body.kpis)).toEqual([
        'leads',
        'salesReady',
        'salesReadyRate',
        'medianDaysToSalesReady',
        'wonRevenue',
      ]);
      // SRLs: 5 in Q1, 1 in 2024-Q4 (U2), 0 before → velocity 4, then null (nothing to grow from).
      expect(body.details.leadVelocityRate).toEqual({ value: 4, previous: null, yearAgo: null });
      expect(body.details.pipeline).toEqual({ value: 2400, previous: 0, yearAgo: 0 });
      expect(body.details.winRate).toEqual({ value: 0.75, previous: null, yearAgo: null });
      expect(body.details.mqls.value).toBe(5);
      expect(body.filters).toEqual({});
    });

    it('overview: filters apply to the period and both comparisons', async () => {
      const body = await get(`/api/metrics/overview?quarter=2025-Q1&source=${f.paid}`);
      expect(body.filters).toEqual({ sourceIds: [f.paid] });
      expect(body.kpis.leads).toEqual({ value: 4, previous: 0, yearAgo: 0 });
      expect(body.kpis.wonRevenue.value).toBe(1000);
      const smb = await get('/api/metrics/overview?quarter=2025-Q1&segment=SMB&owner=ann&country=US');
      expect(smb.kpis.leads.value).toBe(1);
    });

    it('sources: rows, byCategory and totals, labelled with the view', async () => {
      const body = await get('/api/metrics/sources?from=2025-01-01&to=2025-04-01');
      expect(body.view).toBe('cohort');
      expect(body.period).toEqual({ label: '2025-01-01..2025-04-01', from: '2025-01-01', to: '2025-04-01' });
      expect(body.rows.map((r: { source: string }) => r.source)).toEqual([
        'Paid',
        'Unknown',
        'Webinar',
        'Partner',
      ]);
      expect(Object.keys(body.rows[0]).sort()).toEqual(
        [
          'sourceId',
          'source',
          'category',
          'leads',
          'mqls',
          'salesReady',
          'salesReadyRate',
          'opportunities',
          'won',
          'wonRate',
          'revenue',
          'medianDaysToSalesReady',
          'p75DaysToSalesReady',
          'medianDaysToWon',
          'spend',
          'costPerLead',
          'costPerSalesReady',
          'costPerOpportunity',
          'costPerWon',
          'salesCost',
          'cac',
          'leadToSalesReady',
          'salesReadyToOpportunity',
          'opportunityToWon',
          'leadToWon',
          'leadsThenSalesReady',
          'salesReadyThenOpportunity',
          'opportunitiesThenWon',
          'leadsThenWon',
        ].sort(),
      );
      expect(body.totals).toMatchObject({ leads: 9, won: 3, wonRate: 1 / 3, revenue: 4700, spend: 1100 });
      // No sales cost recorded: no CAC.
      expect(body.totals).toMatchObject({ salesCost: null, cac: null });
      expect(body.byCategory.map((c: { category: string }) => c.category)).toEqual([
        'marketing',
        'other',
        'partner',
      ]);
      const period = await get('/api/metrics/sources?quarter=2025-Q1&view=period');
      expect(period.view).toBe('period');
      expect(period.totals).toMatchObject({
        opportunities: 5,
        opportunityToWon: 0.6,
        opportunitiesThenWon: 3,
      });
      expect(period.rateBases.opportunityToWon).toMatchObject({
        numerator: 'opportunitiesThenWon',
        denominator: 'opportunities',
        fromCountsBeside: false,
      });
    });

    it('sources: takes source ids comma-separated or repeated, and categories', async () => {
      const comma = await get(`/api/metrics/sources?quarter=2025-Q1&source=${f.paid},${f.webinar}`);
      const repeated = await get(`/api/metrics/sources?quarter=2025-Q1&source=${f.paid}&source=${f.webinar}`);
      expect(comma.totals.leads).toBe(6);
      expect(repeated).toEqual(comma);
      const other = await get('/api/metrics/sources?quarter=2025-Q1&category=other,partner');
      expect(other.totals.leads).toBe(3);
    });

    it('funnel: stages, exits and anomalies in either view', async () => {
      const body = await get('/api/metrics/funnel?quarter=2025-Q1');
      expect(body.view).toBe('cohort');
      expect(body.stages.map((s: { stage: string; count: number }) => [s.stage, s.count])).toEqual([
        ['lead', 9],
        ['mql', 5],
        ['salesReady', 5],
        ['accepted', 2],
        ['opportunity', 4],
        ['won', 3],
      ]);
      expect(body.stages[5]).toEqual({
        stage: 'won',
        count: 3,
        converted: 2,
        stepConversion: 0.5,
        cumulativeConversion: 1 / 3,
        reachedFromCreated: 3,
        dropOff: 2,
        dropOffRate: 0.5,
        medianDaysInStage: null,
      });
      expect(body.exits).toHaveLength(2);
      expect(body.anomalies).toMatchObject({ skippedAny: 4, outOfOrder: 2 });
      const period = await get('/api/metrics/funnel?quarter=2025-Q1&view=period');
      expect(period.view).toBe('period');
      expect(period.anomalies.leadsInScope).toBe(10);
      expect(period.rateBases.stepConversion.numerator).toContain('by now');
    });

    it('trend: the weekly response keeps its original shape by default', async () => {
      const body = await get('/api/metrics/trend?quarter=2025-Q1');
      expect(body.grain).toBe('week');
      expect(body.series).toEqual(['leads', 'salesReady']);
      // 90 days: 12 whole weeks and 6 days. Week 1 (Jan 1–7): W1 U2 created, P2 sales-ready (W1 on Jan 9).
      expect(body.points).toHaveLength(13);
      expect(body.points[0]).toEqual({ weekStart: '2025-01-01', leads: 2, salesReady: 1 });
      expect(body.points[1]).toEqual({ weekStart: '2025-01-08', leads: 1, salesReady: 1 });
      expect(body.targets).toEqual({ leads: null, salesReady: null });
    });

    it("trend: recentWeeks gives an ended quarter's last whole weeks, the same points as that range", async () => {
      const recent = await get('/api/metrics/trend?quarter=2025-Q1&recentWeeks=13&series=all');
      // 13 weeks back from the quarter's end (1 Apr): from 31 Dec 2024.
      expect(recent.period).toEqual({ label: '2025-Q1', from: '2025-01-01', to: '2025-04-01' });
      expect(recent.points).toHaveLength(13);
      expect(recent.points[0].weekStart).toBe('2024-12-31');
      const range = await get('/api/metrics/trend?from=2024-12-31&to=2025-04-01&series=all');
      expect(recent.points).toEqual(range.points);
      expect(
        recent.points.reduce((sum: number, p: { leads: number }) => sum + p.leads, 0),
      ).toBeGreaterThanOrEqual(9);
      const res = await t.app.request('/api/metrics/trend?quarter=2025-Q1&recentWeeks=13&grain=month', {
        headers: { cookie },
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.details).toEqual([
        { path: 'grain', message: 'must be week with recentWeeks' },
      ]);
    });

    it('trend: months and fiscal quarters, with every series on request', async () => {
      const months = await get('/api/metrics/trend?quarter=2025-Q1&grain=month&series=all');
      expect(months.points).toEqual([
        {
          label: '2025-01',
          start: '2025-01-01',
          leads: 4,
          mqls: 3,
          salesReady: 4,
          opportunities: 2,
          won: 0,
          revenue: 0,
          salesReadyRate: 1,
          // Jan SRLs A1 10, A2 10, W1 4, P2 21 days → median 10.
          medianDaysToSalesReady: 10,
        },
        {
          label: '2025-02',
          start: '2025-02-01',
          leads: 3,
          mqls: 1,
          salesReady: 0,
          opportunities: 3,
          won: 2,
          revenue: 3700,
          salesReadyRate: 0,
          // No SRL in Feb.
          medianDaysToSalesReady: null,
        },
        {
          label: '2025-03',
          start: '2025-03-01',
          leads: 2,
          mqls: 1,
          salesReady: 1,
          opportunities: 0,
          won: 1,
          revenue: 1000,
          salesReadyRate: 0.5,
          // A4: 20 days.
          medianDaysToSalesReady: 20,
        },
      ]);
      const quarters = await get(
        '/api/metrics/trend?from=2024-10-01&to=2025-07-01&grain=quarter&series=won,revenue',
      );
      expect(quarters.series).toEqual(['won', 'revenue']);
      // P2 won 2025-04-10 (2000).
      expect(quarters.points).toEqual([
        { label: '2024-Q4', start: '2024-10-01', won: 0, revenue: 0 },
        { label: '2025-Q1', start: '2025-01-01', won: 3, revenue: 4700 },
        { label: '2025-Q2', start: '2025-04-01', won: 1, revenue: 2000 },
      ]);
    });

    it('cohorts: by month of creation, read at 30/60/90/180 days and to date', async () => {
      const body = await get('/api/metrics/cohorts?quarter=2025-Q1&grain=month');
      expect(body).toMatchObject({ grain: 'month', ages: [30, 60, 90, 180] });
      expect(Date.parse(body.asOf)).toBeGreaterThan(Date.parse('2025-10-01'));
      // Long past: every age is known. January: won A1 (50 days), W1 (41) → 0 at 30, 0.5 from 60.
      expect(body.cohorts[0]).toMatchObject({
        label: '2025-01',
        leads: 4,
        salesReady: { d30: 1, d60: 1, d90: 1, d180: 1, toDate: 1 },
        won: { d30: 0, d60: 0.5, d90: 0.5, d180: 0.5, toDate: 0.5 },
      });
    });

    it('cohorts: without a period, the eight fiscal quarters up to the current one', async () => {
      const body = await get('/api/metrics/cohorts');
      const current = quarterOfDate(todayIn('UTC'), 1);
      expect(body.grain).toBe('quarter');
      expect(body.cohorts).toHaveLength(8);
      expect(body.cohorts[0].label).toBe(shiftQuarter(current.label, -7, 1).label);
      expect(body.cohorts[7].label).toBe(current.label);
    });

    it('attribution: sourced vs influenced, and three models that each add up to won revenue', async () => {
      const body = await get('/api/metrics/attribution?quarter=2025-Q1');
      expect(body.models).toEqual(['firstTouch', 'lastTouch', 'linear']);
      expect(body.marketing.revenue).toMatchObject({ total: 4700, sourced: 4000, influenced: 1700 });
      expect(body.marketing.pipeline).toMatchObject({ total: 2400, sourced: 0, influenced: 400 });
      expect(body.totals).toMatchObject({ wonRevenue: 4700, deals: 3, firstTouch: 4700, lastTouch: 4700 });
      expect(body.totals.linear).toBeCloseTo(4700, 6);
      const paid = body.rows.find((r: { sourceId: number }) => r.sourceId === f.paid);
      expect(paid).toMatchObject({ source: 'Paid', category: 'marketing', firstTouch: 0, lastTouch: 1000 });
    });
  });

  describe('on quarter-fixture.ts (fiscal year from February, New York time)', () => {
    let t: TestApp;
    let cookie: string;
    const get = async (path: string) => (await t.app.request(path, { headers: { cookie } })).json();
    beforeAll(async () => {
      t = await openTestApp();
      await seedQuarterFixture(t.handle.db);
      cookie = await signedInCookie(t);
    });
    afterAll(() => t?.close());

    it('counts the fiscal quarter by local boundaries in every report', async () => {
      const cohort = await get('/api/metrics/sources?quarter=2026-Q1');
      expect(cohort.period).toEqual({ label: '2026-Q1', from: '2025-02-01', to: '2025-05-01' });
      // Paid: L1 L7 L9 L10 L11 (L2 at 23:59:59 Jan 31 local is out); Partner: L3 L5 L8 (L4 at
      // 00:00 May 1 local is out). Sales-ready of them: L1 L7 L10 and L5 → 4 of 8.
      expect(cohort.rows.map((r: { source: string; leads: number }) => [r.source, r.leads])).toEqual([
        ['Paid search', 5],
        ['Partner referrals', 3],
      ]);
      expect(cohort.totals).toMatchObject({ leads: 8, salesReady: 4, salesReadyRate: 0.5 });
      const period = await get('/api/metrics/sources?quarter=2026-Q1&view=period');
      // Sales-ready in the quarter: L1 L5 L6 L7 L10; won L8 (1000) and L9 (500, before it was created).
      expect(period.totals).toMatchObject({ salesReady: 5, won: 2, revenue: 1500 });
      const funnel = await get('/api/metrics/funnel?quarter=2026-Q1');
      expect(funnel.stages[0].count).toBe(8);
      // L7 (sales-ready before created) and L9 (won before created) are out of order.
      expect(funnel.anomalies.outOfOrder).toBe(2);
      const trend = await get('/api/metrics/trend?quarter=2026-Q1&grain=quarter');
      expect(trend.points).toEqual([{ label: '2026-Q1', start: '2025-02-01', leads: 8, salesReady: 5 }]);
    });
  });
});
