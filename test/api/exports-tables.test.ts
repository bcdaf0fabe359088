import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aboutSheet, openXlsx, readChunks, recordsOf, sheetRows, splitCsv } from '../helpers/export-files';
import { type MetricsFixture, seedMetricsFixture } from '../helpers/metrics-fixture';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

type Json = Record<string, unknown>;
type Row = Record<string, unknown>;

// The figures of every export equal the JSON endpoint's for the same query; XLSX cells are numbers
// and dates, the About block names the period and filters. The board role downloads them all.
describeOnBackend('CSV and XLSX exports of the tables', () => {
  let t: TestApp;
  let cookie: string;
  let fx: MetricsFixture;
  const get = (path: string) => t.app.request(path, { headers: { cookie } });
  const json = async (path: string): Promise<Json> => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as Json;
  };
  const xlsx = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = await openXlsx((await readChunks(res)).bytes);
    const [sheet, about] = workbook.worksheets;
    expect(defined(about).name).toBe('About');
    return {
      workbook,
      sheet: defined(sheet),
      records: recordsOf(sheetRows(defined(sheet))),
      about: aboutSheet(workbook),
      res,
    };
  };
  const csv = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode((await readChunks(res)).bytes);
    return { text, res, ...(await splitCsv(text)) };
  };

  beforeAll(async () => {
    t = await openTestApp();
    fx = await seedMetricsFixture(t.handle.db);
    cookie = await cookieFor(t, 'board');
  });
  afterAll(() => t?.close());

  describe('sources', () => {
    const figures: [string, string][] = [
      ['Leads', 'leads'],
      ['MQLs', 'mqls'],
      ['SRLs', 'salesReady'],
      ['SRL rate', 'salesReadyRate'],
      ['Opportunities', 'opportunities'],
      ['Deals won', 'won'],
      ['Won rate', 'wonRate'],
      ['Won revenue (USD)', 'revenue'],
      ['Lead → SRL', 'leadToSalesReady'],
      ['SRL → opportunity', 'salesReadyToOpportunity'],
      ['Opportunity → won', 'opportunityToWon'],
      ['Lead → won', 'leadToWon'],
      ['Median days to SRL', 'medianDaysToSalesReady'],
      ['Days to SRL (p75)', 'p75DaysToSalesReady'],
      ['Median days to won', 'medianDaysToWon'],
      ['Marketing spend (USD)', 'spend'],
      ['Cost per lead (USD)', 'costPerLead'],
      ['Cost per SRL (USD)', 'costPerSalesReady'],
      ['Leads then SRL', 'leadsThenSalesReady'],
      ['SRLs then opportunity', 'salesReadyThenOpportunity'],
      ['Opportunities then won', 'opportunitiesThenWon'],
      ['Leads then won', 'leadsThenWon'],
    ];
    // The cohort view counts the period's leads followed to today: other figures, other labels.
    const cohortHeaders: Record<string, string> = {
      MQLs: 'Reached MQL',
      SRLs: 'Reached sales-ready',
      Opportunities: 'Reached opportunity',
      'Deals won': 'Reached won',
      'Won rate': 'Lead → won (cohort)',
      'Won revenue (USD)': 'Revenue from these leads (USD)',
      'SRL → opportunity': 'SRL → opportunity (cohort)',
      'Opportunity → won': 'Opportunity → won (cohort)',
      'Median days to SRL': 'Median days to SRL (cohort)',
      'Days to SRL (p75)': 'Days to SRL, p75 (cohort)',
      'Cost per SRL (USD)': 'Cost per lead reaching SRL (USD)',
    };
    const cohortFigures = figures.map(([h, f]): [string, string] => [cohortHeaders[h] ?? h, f]);
    const expectFigures = (record: Row, expected: Json) => {
      for (const [header, field] of figures) expect(record[header], header).toEqual(expected[field]);
    };

    it('writes every source, each category subtotal and the total as numbers, equal to the JSON', async () => {
      const q = 'quarter=2025-Q1&view=period';
      const body = await json(`/api/metrics/sources?${q}`);
      const { records, res, about, sheet } = await xlsx(`/api/exports/sources.xlsx?${q}`);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="salesready-sources-2025-Q1.xlsx"',
      );
      expect(sheet.name).toBe('Sources');
      const rows = body.rows as Json[];
      const categories = body.byCategory as Json[];
      expect(records).toHaveLength(rows.length + categories.length + 1);
      for (const row of rows) {
        const record = defined(records.find((r) => r.Row === 'source' && r.Source === row.source));
        expect(record['Source ID']).toEqual(row.sourceId);
        expect(record.Category).toBe(row.category);
        expectFigures(record, row);
      }
      for (const category of categories) {
        const record = defined(records.find((r) => r.Row === 'subtotal' && r.Category === category.category));
        expectFigures(record, category);
      }
      expectFigures(defined(records.at(-1)), body.totals as Json);
      expect(defined(records.at(-1)).Row).toBe('total');
      // Paid: 4 leads in Q1, 300 × 3 spend; every figure a number (or empty where null).
      const paid = defined(records.find((r) => r.Source === 'Paid'));
      expect(paid.Leads).toBe(4);
      expect(typeof paid['SRL rate']).toBe('number');
      expect(paid['Marketing spend (USD)']).toBe(900);
      expect(sheet.getRow(2).getCell('H').numFmt).toBe('0.0%');

      expect(about.get('Period')).toBe('2025-Q1');
      expect(about.get('First day')).toEqual(new Date('2025-01-01T00:00:00Z'));
      expect(about.get('Last day')).toEqual(new Date('2025-03-31T00:00:00Z'));
      expect(about.get('Time zone')).toBe('UTC');
      expect(about.get('View')).toMatch(/^period view/);
      // Each rate says what it divides: in the period view, not the counts of the period.
      expect(about.get('Opportunity → won')).toBe(
        'opportunities opened in the period and won by now ÷ opportunities opened in the period (not the deals won in the period)',
      );
      expect(paid['Opportunity → won']).toBe(
        (paid['Opportunities then won'] as number) / (paid.Opportunities as number),
      );
      expect(about.get('Filters')).toBe('none (all leads)');
      expect(about.get('Query')).toBe(q);
      expect(about.get('Rows')).toBe(records.length);
      expect(about.get('Generated at')).toBeInstanceOf(Date);
      expect(about.get('Data as of')).toBeInstanceOf(Date);
    });

    it('writes the CSV with the About block, a blank line, then the table; figures as plain numbers', async () => {
      const q = `quarter=2025-Q1&source=${fx.paid},${fx.webinar}`;
      const body = await json(`/api/metrics/sources?${q}`);
      const { text, about, rows, res } = await csv(`/api/exports/sources.csv?${q}`);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="salesready-sources-2025-Q1.csv"',
      );
      expect(text.startsWith('\uFEFFReport,')).toBe(true);
      expect(about.get('Period')).toBe('2025-Q1');
      expect(about.get('First day')).toBe('2025-01-01');
      expect(about.get('Last day')).toBe('2025-03-31');
      expect(about.get('View')).toMatch(/^cohort view/);
      expect(about.get('Filters')).toBe(`Sources: Paid (id ${fx.paid}), Webinar (id ${fx.webinar})`);
      expect(about.get('Query')).toBe(`quarter=2025-Q1&source=${fx.paid}%2C${fx.webinar}`);
      const records = recordsOf(rows);
      for (const row of body.rows as Json[]) {
        const record = defined(records.find((r) => r.Source === row.source));
        for (const [header, field] of cohortFigures) {
          const expected = row[field];
          expect(record[header], header).toBe(expected === null ? '' : String(expected));
        }
      }
      expect(defined(records.at(-1)).Leads).toBe(String((body.totals as Json).leads));

      const bare = await csv(`/api/exports/sources.csv?${q}&about=omit`);
      expect(bare.text.replace(/^\uFEFF/, '').startsWith('Row,Source ID,Source,')).toBe(true);
    });
  });

  it('exports the funnel: stages and exits equal to the JSON', async () => {
    const q = 'quarter=2025-Q1&view=cohort';
    const body = await json(`/api/metrics/funnel?${q}`);
    const { records, about } = await xlsx(`/api/exports/funnel.xlsx?${q}`);
    const stages = body.stages as Json[];
    expect(records.filter((r) => r.Row === 'stage').map((r) => r.Count)).toEqual(stages.map((s) => s.count));
    expect(records.filter((r) => r.Row === 'stage').map((r) => r['Step conversion'])).toEqual(
      stages.map((s) => s.stepConversion),
    );
    expect(records.filter((r) => r.Row === 'stage').map((r) => r['Median days in stage'])).toEqual(
      stages.map((s) => s.medianDaysInStage),
    );
    const exits = records.filter((r) => r.Row === 'exit');
    expect(exits.map((r) => [r.Stage, r.Count, r['Exit from'], r['Exit share']])).toEqual(
      (body.exits as Json[]).map((e) => [
        e.stage === 'lost' ? 'Lost' : 'Disqualified',
        e.count,
        e.from === 'opportunity' ? 'Opportunity' : 'Lead',
        e.conversion,
      ]),
    );
    expect(about.get('Leads in scope')).toBe((body.anomalies as Json).leadsInScope);
  });

  it('exports cohorts with their days as dates and their rates as numbers', async () => {
    const q = 'quarter=2025-Q1&grain=month';
    const body = await json(`/api/metrics/cohorts?${q}`);
    const { records } = await xlsx(`/api/exports/cohorts.xlsx?${q}`);
    const cohorts = body.cohorts as Json[];
    expect(records.map((r) => r.Cohort)).toEqual(cohorts.map((c) => c.label));
    expect(defined(records[0])['First day']).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect(defined(records[0])['Last day']).toEqual(new Date('2025-01-31T00:00:00Z'));
    cohorts.forEach((c, i) => {
      const r = defined(records[i]);
      const sr = c.salesReady as Json;
      expect([
        r.Leads,
        r['SRL rate within 30 days'],
        r['SRL rate to date'],
        r['Revenue to date (USD)'],
      ]).toEqual([c.leads, sr.d30, sr.toDate, c.revenueToDate]);
    });
    const asCsv = await csv(`/api/exports/cohorts.csv?${q}`);
    expect(defined(recordsOf(asCsv.rows)[0])['First day']).toBe('2025-01-01');
  });

  it('exports attribution and marketing contribution equal to the JSON', async () => {
    const q = 'quarter=2025-Q1';
    const body = await json(`/api/metrics/attribution?${q}`);
    const attribution = await xlsx(`/api/exports/attribution.xlsx?${q}`);
    for (const row of body.rows as Json[]) {
      const r = defined(attribution.records.find((x) => x.Row === 'source' && x.Source === row.source));
      expect([r['First touch (USD)'], r['Last touch before SRL (USD)'], r['Linear (USD)']]).toEqual([
        row.firstTouch,
        row.lastTouch,
        row.linear,
      ]);
    }
    const totals = body.totals as Json;
    expect(defined(attribution.records.at(-1))['Linear (USD)']).toBe(totals.linear);
    expect(attribution.about.get('Won revenue (USD)')).toBe(totals.wonRevenue);

    const marketing = await xlsx(`/api/exports/marketing.xlsx?${q}`);
    const m = body.marketing as Record<string, Json>;
    const [pipeline, revenue] = marketing.records;
    expect([
      defined(pipeline)['Total (USD)'],
      defined(pipeline)['Marketing-sourced (USD)'],
      defined(pipeline)['Influenced share'],
    ]).toEqual([defined(m.pipeline).total, defined(m.pipeline).sourced, defined(m.pipeline).influencedShare]);
    expect([
      defined(revenue)['Total (USD)'],
      defined(revenue)['Marketing-influenced (USD)'],
      defined(revenue).Deals,
    ]).toEqual([defined(m.revenue).total, defined(m.revenue).influenced, defined(m.revenue).deals]);
    // Then the same per source, each adding up to its total.
    const bySource = m.bySource as unknown as {
      source: string;
      revenue: { deals: number; influenced: number };
    }[];
    const revenueRows = marketing.records.filter(
      (r) => r.Measure === defined(revenue).Measure && r.Source !== 'All sources',
    );
    expect(revenueRows.map((r) => [r.Source, r['Marketing-influenced (USD)']])).toEqual(
      bySource.filter((s) => s.revenue.deals > 0).map((s) => [s.source, s.revenue.influenced]),
    );
    const summed = revenueRows.reduce((sum, r) => sum + (r['Total (USD)'] as number), 0);
    expect(summed).toBe(defined(m.revenue).total);
    expect(marketing.about.get('Influenced')).toBe('a marketing touch within 90 days before the opportunity');
  });

  it('exports pacing overall and per source equal to the JSON, negative gaps as numbers', async () => {
    const q = 'quarter=2025-Q1&asOf=2025-02-15';
    const body = await json(`/api/metrics/pacing?${q}`);
    const { records, about } = await xlsx(`/api/exports/pacing.xlsx?${q}`);
    const metrics = body.metrics as Record<
      string,
      { overall: Json; sources: Json[]; explained: { gap: number; offset: number; rows: Json[] } | null }
    >;
    const names: Record<string, string> = {
      leads: 'Leads',
      salesReady: 'SRLs',
      pipeline: 'Pipeline created',
      revenue: 'Won revenue',
    };
    for (const [metric, m] of Object.entries(metrics)) {
      const rows = records.filter((r) => r.Metric === names[metric]);
      expect(rows).toHaveLength(1 + m.sources.length);
      expect([
        defined(rows[0]).Row,
        defined(rows[0])['Actual to date'],
        defined(rows[0]).Projection,
        defined(rows[0])['Projection low (P10)'],
      ]).toEqual(['overall', m.overall.actualToDate, m.overall.projection, m.overall.projectionLow]);
      m.sources.forEach((s, i) => {
        expect([
          defined(rows[i + 1]).Source,
          defined(rows[i + 1]).Projection,
          defined(rows[i + 1])['Gap (target − projection)'],
        ]).toEqual([s.source, s.projection, s.gap]);
        // The share of the gap as the JSON gives it: of the short sources' total, in [0, 1].
        const part = m.explained?.rows.find((r) => r.basis !== 'unallocated' && r.sourceId === s.sourceId);
        expect([
          defined(rows[i + 1])['Gap to its part of the target'],
          defined(rows[i + 1])['Share of the gap (of the short sources’ total)'],
        ]).toEqual([part?.gap ?? null, part?.shareOfGap ?? null]);
      });
      const shares = rows.map((r) => r['Share of the gap (of the short sources’ total)'] as number | null);
      for (const share of shares) if (share !== null) expect(share).toBeGreaterThanOrEqual(0);
      for (const share of shares) if (share !== null) expect(share).toBeLessThanOrEqual(1);
      expect(defined(rows[0])['Ahead by (offsets the gap)']).toBe(m.explained?.offset ?? null);
    }
    for (const r of records) {
      if (r.Projection !== null) expect(typeof r.Projection).toBe('number');
      if (r['Gap (target − projection)'] !== null)
        expect(typeof r['Gap (target − projection)']).toBe('number');
    }
    expect(about.get('As of (day)')).toBe('2025-02-15');
    expect(about.get('Quarter closed')).toBe('no');
  });

  it('exports the neglected and stalled lists with every row the JSON pages hold', async () => {
    const q = 'quarter=2025-Q1';
    const neglected = await json(`/api/metrics/handoff/neglected?${q}&pageSize=500`);
    const n = await xlsx(`/api/exports/neglected-leads.xlsx?${q}&page=3`);
    expect(n.res.headers.get('content-disposition')).toContain('salesready-neglected-leads-2025-Q1.xlsx');
    expect(n.records.map((r) => r['External ID'])).toEqual(
      (neglected.rows as Json[]).map((r) => r.externalId),
    );
    expect(n.records.length).toBeGreaterThan(0);
    expect(defined(n.records[0])['Sales-ready at (UTC)']).toEqual(
      new Date(defined((neglected.rows as Json[])[0]).salesReadyAt as string),
    );
    expect(typeof defined(n.records[0])['Hours waiting']).toBe('number');

    const stalled = await json(`/api/metrics/handoff/stalled?${q}&pageSize=500`);
    const s = await csv(`/api/exports/stalled-leads.csv?${q}`);
    expect(recordsOf(s.rows).map((r) => r['External ID'])).toEqual(
      (stalled.rows as Json[]).map((r) => r.externalId),
    );
    expect(s.about.get('Stalled after (days)')).toBe('14');
  });

  it('answers a bad parameter with the error envelope, not a broken file', async () => {
    for (const path of [
      '/api/exports/sources.xlsx?quarter=2025-Q5',
      '/api/exports/sources.csv?view=weekly',
      '/api/exports/leads.csv?sort=nonsense',
      '/api/exports/funnel.csv?source=999999',
      '/api/exports/cohorts.xlsx?colour=red',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
    }
    expect((await get('/api/exports/secrets.csv')).status).toBe(404);
  });
});
