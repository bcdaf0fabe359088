import type { Database, DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { marketingContribution } from '@salesready/db/queries/attribution/marketing-contribution';
import { revenueAttribution } from '@salesready/db/queries/attribution/revenue-attribution';
import { splitRange } from '@salesready/db/queries/buckets';
import { cohortConversion } from '@salesready/db/queries/cohorts/cohort-conversion';
import { funnelReport } from '@salesready/db/queries/funnel/funnel-report';
import { overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { type SourceFigures, sourceReport } from '@salesready/db/queries/sources/source-report';
import { trendPoints } from '@salesready/db/queries/trend/trend-series';
import type { SourceCategory } from '@salesready/db/schema/index';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { addMetricLeads, addSpend, addTouches, type MetricLead } from '../helpers/metrics-factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const day = 86_400_000;
const origin = Date.parse('2025-01-01T00:00:00Z');
const range = { from: '2025-01-01', to: '2025-07-01', timezone: 'UTC' };
const iso = (ms: number) => new Date(ms).toISOString();

// A stage is absent, or some days (possibly negative: out of order) after creation.
const stage = fc.option(fc.integer({ min: -20, max: 300 }), { nil: undefined });
const leadArb = fc.record({
  source: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  created: fc.integer({ min: -60, max: 240 }),
  hour: fc.integer({ min: 0, max: 23 }),
  mql: stage,
  sr: stage,
  accepted: stage,
  opp: stage,
  won: stage,
  lost: stage,
  disq: stage,
  amount: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: undefined }),
  bant: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
  touches: fc.array(
    fc.record({
      offset: fc.integer({ min: -30, max: 300 }),
      channel: fc.constantFrom('s0', 's1', 's2', 'elsewhere', null),
      marketing: fc.boolean(),
    }),
    { maxLength: 5 },
  ),
});
const datasetArb = fc.record({
  categories: fc.tuple(
    fc.constantFrom<SourceCategory>('marketing', 'sales', 'partner', 'other'),
    fc.constantFrom<SourceCategory>('marketing', 'sales', 'partner', 'other'),
    fc.constantFrom<SourceCategory>('marketing', 'sales', 'partner', 'other'),
  ),
  spend: fc.array(
    fc.record({
      source: fc.integer({ min: 0, max: 2 }),
      month: fc.integer({ min: 0, max: 7 }),
      amount: fc.integer({ min: 1, max: 9999 }),
    }),
    { maxLength: 4 },
  ),
  leads: fc.array(leadArb, { maxLength: 25 }),
});
type Dataset = typeof datasetArb extends fc.Arbitrary<infer T> ? T : never;

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back, so every dataset starts from empty. */
async function inRolledBackTransaction(db: Database, fn: (tx: Database) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await fn(tx as unknown as Database);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

async function insert(db: Database, data: Dataset): Promise<void> {
  const sourceIds: number[] = [];
  for (const [i, category] of data.categories.entries())
    sourceIds.push(await addSource(db, `s${i}`, category));
  const seen = new Set<string>();
  for (const s of data.spend) {
    const month = `2025-${String(s.month + 1).padStart(2, '0')}-01`;
    if (seen.has(`${s.source}:${month}`)) continue;
    seen.add(`${s.source}:${month}`);
    await addSpend(db, defined(sourceIds[s.source]), month, s.amount);
  }
  const rows: MetricLead[] = data.leads.map((l, i) => {
    const created = origin + l.created * day + l.hour * 3_600_000;
    const at = (offset: number | undefined) =>
      offset === undefined ? undefined : iso(created + offset * day);
    return {
      externalId: `g${i}`,
      createdAt: iso(created),
      sourceId: l.source === null ? null : defined(sourceIds[l.source]),
      mqlAt: at(l.mql),
      crmSalesReadyAt: at(l.sr),
      acceptedAt: at(l.accepted),
      opportunityAt: at(l.opp),
      wonAt: at(l.won),
      lostAt: at(l.lost),
      disqualifiedAt: at(l.disq),
      amount: l.amount,
      bant: l.bant,
    };
  });
  const ids = await addMetricLeads(db, rows);
  await addTouches(
    db,
    data.leads.flatMap((l, i) =>
      l.touches.map((t) => ({
        leadId: defined(ids.get(`g${i}`)),
        occurredAt: iso(origin + (l.created + t.offset) * day),
        channel: t.channel,
        actor: t.marketing ? ('marketing' as const) : ('sales' as const),
      })),
    ),
  );
}

const counts = ['leads', 'mqls', 'salesReady', 'opportunities', 'won'] as const;
const rates = [
  'salesReadyRate',
  'wonRate',
  'leadToSalesReady',
  'salesReadyToOpportunity',
  'opportunityToWon',
  'leadToWon',
] as const;

function expectRate(value: number | null): void {
  if (value === null) return;
  expect(Number.isNaN(value)).toBe(false);
  expect(value).toBeGreaterThanOrEqual(0);
  expect(value).toBeLessThanOrEqual(1);
}

function expectAddsUp(parts: SourceFigures[], total: SourceFigures): void {
  for (const key of counts) expect(parts.reduce((s, p) => s + p[key], 0)).toBe(total[key]);
  expect(parts.reduce((s, p) => s + p.revenue, 0)).toBeCloseTo(total.revenue, 6);
  const spends = parts.map((p) => p.spend).filter((v): v is number => v !== null);
  if (spends.length === 0) expect(total.spend).toBeNull();
  else expect(spends.reduce((s, v) => s + v, 0)).toBeCloseTo(defined(total.spend), 6);
}

describeOnBackend('metric properties on generated datasets (fast-check)', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(() => handle?.close());

  it('per-source figures add up to the totals, rates stay in [0, 1], cohorts never fall with age, every attribution model reconciles', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, async (data) => {
        await inRolledBackTransaction(handle.db, async (db) => {
          await insert(db, data);
          for (const view of ['cohort', 'period'] as const) {
            const report = await sourceReport(db, range, view);
            expectAddsUp(report.rows, report.totals);
            expectAddsUp(report.byCategory, report.totals);
            for (const row of [...report.rows, ...report.byCategory, report.totals]) {
              for (const key of rates) expectRate(row[key]);
            }
            const funnel = await funnelReport(db, range, view);
            expect(defined(funnel.stages[0]).count).toBe(report.totals.leads);
            for (const s of funnel.stages) {
              expectRate(s.stepConversion);
              expectRate(s.cumulativeConversion);
              expectRate(s.dropOffRate);
            }
            for (const e of funnel.exits) expectRate(e.conversion);
          }

          const cohorts = await cohortConversion(
            db,
            range,
            splitRange(range, 'month'),
            new Date('2025-10-15T00:00:00Z'),
          );
          for (const c of cohorts) {
            for (const stageRates of [c.salesReady, c.won]) {
              const seq = [
                stageRates.d30,
                stageRates.d60,
                stageRates.d90,
                stageRates.d180,
                stageRates.toDate,
              ];
              for (const v of seq) expectRate(v);
              const known = seq.filter((v): v is number => v !== null);
              for (let i = 1; i < known.length; i++)
                expect(defined(known[i])).toBeGreaterThanOrEqual(defined(known[i - 1]));
            }
          }

          const points = await trendPoints(db, range, splitRange(range, 'week'));
          const period = (await sourceReport(db, range, 'period')).totals;
          expect(points.reduce((s, p) => s + p.salesReady, 0)).toBe(period.salesReady);
          for (const p of points) expectRate(p.salesReadyRate);

          const details = await overviewDetails(db, range);
          expectRate(details.winRate);
          expectRate(details.touchesToSalesReady7To15Share);

          const attribution = await revenueAttribution(db, range);
          const { wonRevenue } = attribution.totals;
          for (const model of ['firstTouch', 'lastTouch', 'linear'] as const) {
            expect(attribution.totals[model]).toBeCloseTo(wonRevenue, 4);
            expect(attribution.rows.reduce((s, r) => s + r[model], 0)).toBeCloseTo(wonRevenue, 4);
          }
          const marketing = await marketingContribution(db, range);
          expect(marketing.revenue.total).toBeCloseTo(wonRevenue, 4);
          for (const part of [marketing.pipeline, marketing.revenue]) {
            expect(part.sourced).toBeLessThanOrEqual(part.total + 1e-6);
            expect(part.influenced).toBeLessThanOrEqual(part.total + 1e-6);
            expectRate(part.sourcedShare);
            expectRate(part.influencedShare);
          }
        });
      }),
      { numRuns: 25, seed: 20250101 },
    );
  }, 120_000);
});
