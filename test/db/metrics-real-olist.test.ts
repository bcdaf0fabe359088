import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { splitRange } from '@salesready/db/queries/buckets';
import { sourceReport } from '@salesready/db/queries/sources/source-report';
import { trendPoints } from '@salesready/db/queries/trend/trend-series';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type CsvRecord, loadOlist, olistFiles, readCsv } from '../helpers/load-real-data';
import { countBy, percentileCont } from '../helpers/metrics-stats';
import { describeWithSharedData } from '../helpers/shared-data';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// Everything the file holds: first contacts 2017-06-14..2018-05-31, wins up to 2018-11-14.
const all = { from: '2017-01-01', to: '2019-01-01', timezone: 'UTC' };

describeWithSharedData('Olist marketing funnel (real data)', () => {
  describeOnBackend('figures against counts made in JavaScript from the CSV', () => {
    let handle: DbHandle;
    let mqls: CsvRecord[];
    let deals: Map<string, CsvRecord>;
    // Expected figures, computed from the CSV files alone (never from the product's output).
    const origin = (r: CsvRecord) =>
      r.origin === '' || r.origin === 'unknown' ? 'Unknown' : defined(r.origin);
    const daysToWon = (r: CsvRecord) => {
      const deal = defined(deals.get(defined(r.mql_id)));
      return (
        (Date.parse(`${defined(deal.won_date).replace(' ', 'T')}Z`) -
          Date.parse(`${r.first_contact_date}T00:00:00Z`)) /
        86_400_000
      );
    };

    beforeAll(async () => {
      handle = await openTestDb();
      mqls = await readCsv(olistFiles.mqls);
      deals = new Map((await readCsv(olistFiles.deals)).map((d) => [defined(d.mql_id), d]));
      expect(await loadOlist(handle.db)).toBe(mqls.length);
    }, 120_000);
    afterAll(() => handle?.close());

    it('counts leads, closed deals, conversion and days to close per origin', async () => {
      const report = await sourceReport(handle.db, all, 'cohort');
      const leadsBy = countBy(mqls, origin);
      const won = mqls.filter((r) => deals.has(defined(r.mql_id)));
      const wonBy = countBy(won, origin);
      expect(new Set(report.rows.map((r) => r.source))).toEqual(new Set(leadsBy.keys()));
      for (const row of report.rows) {
        const leads = defined(leadsBy.get(row.source));
        const closed = wonBy.get(row.source) ?? 0;
        // Deals won before the lead's first contact (one in the file) stay out of the durations.
        const days = won
          .filter((r) => origin(r) === row.source)
          .map(daysToWon)
          .filter((d) => d >= 0);
        expect({ source: row.source, leads: row.leads, won: row.won }).toEqual({
          source: row.source,
          leads,
          won: closed,
        });
        expect(row.leadToWon).toBeCloseTo(closed / leads, 12);
        expect(row.wonRate).toBeCloseTo(closed / leads, 12);
        if (days.length === 0) expect(row.medianDaysToWon).toBeNull();
        else expect(row.medianDaysToWon).toBeCloseTo(defined(percentileCont(days, 0.5)), 9);
      }
      // 8,000 leads, 842 won; "Unknown" is the empty and the literal "unknown" origin together.
      expect(report.totals.leads).toBe(8000);
      expect(report.totals.won).toBe(842);
      expect(report.rows.find((r) => r.source === 'Unknown')?.leads).toBe(
        mqls.filter((r) => r.origin === '' || r.origin === 'unknown').length,
      );
      expect(report.totals.medianDaysToWon).toBeCloseTo(
        defined(
          percentileCont(
            won.map(daysToWon).filter((d) => d >= 0),
            0.5,
          ),
        ),
        9,
      );
      expect(won.map(daysToWon).filter((d) => d < 0)).toHaveLength(1);
      // No amounts in the data: revenue is 0, not null.
      expect(report.totals.revenue).toBe(0);
    }, 60_000);

    it('counts leads per quarter', async () => {
      const points = await trendPoints(handle.db, all, splitRange(all, 'quarter', 1));
      const quarter = (r: CsvRecord) =>
        `${defined(r.first_contact_date).slice(0, 4)}-Q${Math.ceil(Number(defined(r.first_contact_date).slice(5, 7)) / 3)}`;
      const expected = countBy(mqls, quarter);
      expect(points.map((p) => p.label)).toEqual([
        '2017-Q1',
        '2017-Q2',
        '2017-Q3',
        '2017-Q4',
        '2018-Q1',
        '2018-Q2',
        '2018-Q3',
        '2018-Q4',
      ]);
      for (const p of points) expect([p.label, p.leads]).toEqual([p.label, expected.get(p.label) ?? 0]);
      // Closed deals per quarter of their win, also from the CSV.
      const wonQuarter = countBy(
        [...deals.values()],
        (d) =>
          `${defined(d.won_date).slice(0, 4)}-Q${Math.ceil(Number(defined(d.won_date).slice(5, 7)) / 3)}`,
      );
      for (const p of points) expect([p.label, p.won]).toEqual([p.label, wonQuarter.get(p.label) ?? 0]);
    }, 60_000);
  });
});
