import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { decomposeGap, shareTheGap } from '@salesready/db/queries/pacing/gap-decomposition';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { pacingMetrics } from '@salesready/db/queries/pacing/quarter-shapes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import {
  expectSharesOfTheGap,
  type FunnelLead,
  findNonFinite,
  insertFunnelLeads,
  insertTargets,
} from '../helpers/pacing-fixtures';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const day = 86_400_000;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describeOnBackend('pacing properties', () => {
  it('the gap decomposition always adds up to the gap', () => {
    const input = fc.record({
      key: fc.integer(),
      ownTarget: fc.option(fc.double({ min: 0, max: 1e7, noNaN: true }), { nil: null }),
      projection: fc.double({ min: 0, max: 1e7, noNaN: true }),
      historicalShare: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2e7, noNaN: true }),
        fc.array(input, { maxLength: 12 }),
        (target, rows) => {
          const split = decomposeGap(target, rows);
          const sum = split.parts.reduce((s, p) => s + p.gap, 0) + split.unallocated;
          expect(close(sum, target - rows.reduce((s, r) => s + r.projection, 0))).toBe(true);
          expect(close(split.gap, target - rows.reduce((s, r) => s + r.projection, 0))).toBe(true);
          split.parts.forEach((p, i) => {
            expect(p.basis === 'own').toBe(defined(rows[i]).ownTarget !== null);
            expect(p.allocatedTarget).toBeGreaterThanOrEqual(0);
          });
        },
      ),
      { seed: 20260101, numRuns: 300 },
    );
  });

  it('shares the gap among the short rows only: shares in [0, 1] adding up to 1, the rest an offset', () => {
    const row = fc.record({
      sourceId: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
      source: fc.string(),
      basis: fc.constantFrom(
        'own' as const,
        'historical-share' as const,
        'none' as const,
        'unallocated' as const,
      ),
      gap: fc.oneof(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.constant(0)),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const s = shareTheGap(rows);
        expectSharesOfTheGap({ ...s, gap: rows.reduce((sum, r) => sum + r.gap, 0) });
        s.rows.forEach((r, i) => {
          expect(r.shareOfGap === null).toBe(!(defined(rows[i]).gap > 0));
        });
      }),
      { seed: 20261206, numRuns: 500 },
    );
  });

  describe('on random funnels', () => {
    let handle: DbHandle;
    let sources: number[];
    beforeAll(async () => {
      handle = await openTestDb();
      sources = [
        await addSource(handle.db, 'One'),
        await addSource(handle.db, 'Two'),
        await addSource(handle.db, 'Three'),
      ];
      // A seeded random funnel from 2025-01-01 to 2026-04-01: volume, conversions and lags vary by source.
      const leadArb = fc.record({
        created: fc.integer({ min: 0, max: 455 * day }),
        source: fc.integer({ min: 0, max: 3 }),
        ready: fc.option(fc.integer({ min: 0, max: 60 * day }), { freq: 2 }),
        opportunity: fc.option(fc.integer({ min: 0, max: 30 * day })),
        close: fc.option(fc.tuple(fc.integer({ min: 1, max: 90 * day }), fc.boolean())),
        amount: fc.integer({ min: 1, max: 500 }),
        disqualified: fc.option(fc.integer({ min: 0, max: 40 * day }), { freq: 4 }),
      });
      const drawn = fc.sample(leadArb, { seed: 42, numRuns: 900 });
      const t0 = Date.parse('2025-01-01T00:00:00Z');
      const iso = (ms: number) => new Date(ms).toISOString();
      const rows: FunnelLead[] = drawn.map((d, i) => {
        const created = t0 + d.created;
        const lead: FunnelLead = {
          externalId: `r${i}`,
          createdAt: iso(created),
          sourceId: d.source === 3 ? null : defined(sources[d.source]),
        };
        if (d.ready !== null) {
          const ready = created + d.ready * (1 + (d.source % 3));
          lead.salesReadyAt = iso(ready);
          if (d.opportunity !== null) {
            const opp = ready + d.opportunity;
            lead.opportunityAt = iso(opp);
            lead.amount = d.amount * 100;
            if (d.close !== null) {
              if (d.close[1]) lead.wonAt = iso(opp + d.close[0]);
              else lead.lostAt = iso(opp + d.close[0]);
            }
          }
        } else if (d.disqualified !== null) {
          lead.disqualifiedAt = iso(created + d.disqualified);
        }
        return lead;
      });
      await insertFunnelLeads(handle.db, rows);
      await insertTargets(handle.db, [
        { quarter: '2026-Q1', metric: 'leads', value: 250 },
        { quarter: '2026-Q1', metric: 'leads', sourceId: defined(sources[0]), value: 80 },
        { quarter: '2026-Q1', metric: 'sales_ready', value: 90 },
        { quarter: '2026-Q1', metric: 'sales_ready', sourceId: defined(sources[1]), value: 20 },
        { quarter: '2026-Q1', metric: 'sales_ready', sourceId: defined(sources[2]), value: 60 },
        { quarter: '2026-Q1', metric: 'pipeline', value: 400_000 },
        { quarter: '2026-Q1', metric: 'revenue', value: 0 },
      ]);
    });
    afterAll(() => handle?.close());

    it('projects at least what is already done, inside its range, and the gap adds up, as of any day', async () => {
      const first = await firstLeadDate(handle.db, 'UTC');
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: -5, max: 95 }), fc.boolean(), async (offset, filtered) => {
          const asOf = new Date(Date.parse('2026-01-01T00:00:00Z') + offset * day).toISOString().slice(0, 10);
          const w = pacingWindow({
            quarter: '2026-Q1',
            asOf,
            timezone: 'UTC',
            fiscalYearStartMonth: 1,
            firstDataDate: first,
          });
          const p = await quarterPacing(handle.db, w, {
            from: w.quarter.from,
            to: w.quarter.to,
            timezone: 'UTC',
            ...(filtered && { sourceIds: [defined(sources[0]), defined(sources[2])] }),
          });
          expect(findNonFinite(p)).toEqual([]);
          for (const metric of pacingMetrics) {
            const m = p.metrics[metric];
            for (const f of [m.overall, ...m.sources]) {
              expect(f.projection).toBeGreaterThanOrEqual(f.actualToDate - 1e-9);
              expect(f.projectionLow).toBeGreaterThanOrEqual(f.actualToDate - 1e-9);
              expect(f.projectionLow).toBeLessThanOrEqual(f.projection + 1e-9);
              expect(f.projectionHigh).toBeGreaterThanOrEqual(f.projection - 1e-9);
            }
            expect(
              close(
                m.overall.projection,
                m.sources.reduce((s, x) => s + x.projection, 0),
              ),
            ).toBe(true);
            if (m.explained) {
              const sum = m.explained.rows.reduce((s, r) => s + r.gap, 0);
              expect(close(sum, defined(m.overall.gap))).toBe(true);
              expectSharesOfTheGap(m.explained);
            }
          }
          expect(p.closed).toBe(offset >= 89);
          if (offset >= 90) {
            // The quarter is over: the projection is what happened.
            for (const metric of pacingMetrics) {
              expect(p.metrics[metric].overall.projection).toBeCloseTo(
                p.metrics[metric].overall.actualToDate,
                6,
              );
            }
          }
        }),
        { seed: 7, numRuns: 12 },
      );
    });
  });
});
