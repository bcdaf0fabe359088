import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { funnelReport } from '@salesready/db/queries/funnel/funnel-report';
import {
  type SourceFigures,
  type SourceRate,
  sourceReport,
} from '@salesready/db/queries/sources/source-report';
import { metricViews } from '@salesready/db/queries/stages';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MetricsFixture, seedMetricsFixture } from '../helpers/metrics-fixture';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const q1 = { from: '2025-01-01', to: '2025-04-01', timezone: 'UTC' };
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

describeOnBackend(
  'every rate is its stated numerator ÷ denominator, in both views (metrics-fixture.ts)',
  () => {
    let handle: DbHandle;
    let f: MetricsFixture;
    beforeAll(async () => {
      handle = await openTestDb();
      f = await seedMetricsFixture(handle.db);
    });
    afterAll(() => handle?.close());

    for (const view of metricViews) {
      for (const rollups of [true, false]) {
        it(`sources, ${view} view${rollups ? '' : ' (raw rows)'}: each rate divides the two counts it names`, async () => {
          const r = await sourceReport(handle.db, q1, view, { rollups });
          const groups: SourceFigures[] = [...r.rows, ...r.byCategory, r.totals];
          for (const [rate, basis] of Object.entries(r.rateBases) as [
            SourceRate,
            (typeof r.rateBases)[SourceRate],
          ][]) {
            for (const g of groups) {
              const [n, d] = [g[basis.numerator] as number, g[basis.denominator] as number];
              expect(g[rate], `${rate} = ${basis.numerator} ÷ ${basis.denominator}`).toBe(ratio(n, d));
              expect(n).toBeLessThanOrEqual(d);
            }
            // A rate said to be of the counts beside it divides exactly those counts.
            if (basis.fromCountsBeside) {
              const beside = rate === 'salesReadyRate' || rate === 'leadToSalesReady' ? 'salesReady' : 'won';
              for (const g of groups) expect(g[basis.numerator]).toBe(g[beside]);
            }
          }
        });

        it(`funnel, ${view} view${rollups ? '' : ' (raw rows)'}: each rate divides the counts it names`, async () => {
          const r = await funnelReport(handle.db, q1, view, { rollups });
          const lead = defined(r.stages[0]).count;
          r.stages.forEach((s, i) => {
            expect(s.cumulativeConversion).toBe(ratio(s.reachedFromCreated, lead));
            if (view === 'cohort') expect(s.reachedFromCreated).toBe(s.count);
            if (i === 0) return;
            const prev = defined(r.stages[i - 1]).count;
            expect(s.stepConversion).toBe(ratio(defined(s.converted), prev));
            expect(s.dropOff).toBe(prev - defined(s.converted));
          });
          for (const exit of r.exits) {
            const from = defined(r.stages.find((s) => s.stage === exit.from)).count;
            expect(exit.conversion).toBe(ratio(exit.left, from));
          }
        });
      }
    }

    it('period view: the rates name a population other than the counts of the period, and say so', async () => {
      const r = await sourceReport(handle.db, q1, 'period');
      const partner = defined(r.rows.find((x) => x.sourceId === f.partner));
      // Partner in Q1: P1 created (won Feb 1, never sales-ready); P2 sales-ready and opened in Q1, won in
      // April. So 1 SRL beside an SRL rate of 0% (of the 1 lead created, none is sales-ready), and 1 won
      // (P1) beside an Opp → won of 100% (of the 1 opportunity opened, P2, won since).
      expect(partner).toMatchObject({
        leads: 1,
        salesReady: 1,
        leadsThenSalesReady: 0,
        salesReadyRate: 0,
        opportunities: 1,
        won: 1,
        opportunitiesThenWon: 1,
        opportunityToWon: 1,
      });
      expect(r.rateBases.salesReadyRate).toEqual({
        numerator: 'leadsThenSalesReady',
        denominator: 'leads',
        description:
          'leads created in the period and sales-ready by now ÷ leads created in the period (not the SRLs of the period)',
        fromCountsBeside: false,
      });
      expect(r.rateBases.opportunityToWon.description).toBe(
        'opportunities opened in the period and won by now ÷ opportunities opened in the period (not the deals won in the period)',
      );
      // Totals: opened in Q1 A1 A2 W1 P2 U2; won since: A1 W1 P2 (3 of 5). Won in Q1: A1 W1 P1 (3).
      expect(r.totals).toMatchObject({
        opportunities: 5,
        opportunitiesThenWon: 3,
        opportunityToWon: 0.6,
        won: 3,
      });
      // The funnel the same way: opps in Q1 5, of which 3 won by now; SR in Q1 5 (A1 A2 A4 W1 P2), of
      // which 4 reached an opportunity (A1 A2 W1 P2).
      const funnel = await funnelReport(handle.db, q1, 'period');
      const won = defined(funnel.stages.find((s) => s.stage === 'won'));
      expect([won.count, won.converted, won.stepConversion]).toEqual([3, 3, 0.6]);
      expect(funnel.rateBases.stepConversion.denominator).toBe(
        'leads that reached the previous stage in the period (its count)',
      );
    });

    it('cohort view: the rates are of the counts beside them', async () => {
      const r = await sourceReport(handle.db, q1, 'cohort');
      expect(r.rateBases.salesReadyRate.fromCountsBeside).toBe(true);
      expect(r.rateBases.wonRate.fromCountsBeside).toBe(true);
      // Paid: 4 leads, 3 SRLs → 0.75; 1 won → 0.25.
      const paid = defined(r.rows.find((x) => x.sourceId === f.paid));
      expect([paid.salesReady, paid.leads, paid.salesReadyRate, paid.won, paid.wonRate]).toEqual([
        3, 4, 0.75, 1, 0.25,
      ]);
    });
  },
);
