import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { defined } from '../defined';
import { salesCost, sources, spend, targets } from '../schema/index';
import { bulkLoad } from './bulk-load';
import { type DemoCalendar, demoCalendar } from './demo-calendar';
import { type SourceProfile, sourceProfiles } from './demo-profile';
import { type DemoLead, generateLead, type LeadContext, leadContext } from './generate-leads';
import { buildSalesCost, buildSpend } from './generate-spend';
import { buildTargets, countLead, emptyActuals } from './generate-targets';
import { emptyTouchBuffer, generateTouches, type TouchBuffer } from './generate-touches';
import { insertLeads, insertTouches } from './insert-rows';
import { buildVolumePlan, expectedLeads } from './volume-plan';

export interface SeedOptions {
  /** The demo's "today": data runs from 1 January two years earlier up to this instant. */
  now: Date;
  /** Default 50,000. */
  leads?: number;
  /** Default 42; the same now, leads and seed give the same rows. */
  seed?: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface SeedResult {
  leads: number;
  touches: number;
  sources: number;
}

const LEADS_PER_INSERT = 5_000;
const TOUCHES_PER_INSERT = 50_000;
const KEEP_LEADS_UP_TO = 200_000;

/**
 * Writes two years of deterministic demo data into an empty, migrated database: sources,
 * spend, leads through the funnel, their touches, and targets. One transaction, so a
 * failed seed leaves nothing behind.
 */
export async function seedDemo(db: Database, options: SeedOptions): Promise<SeedResult> {
  const leadCount = options.leads ?? 50_000;
  const seed = options.seed ?? 42;
  const report = options.onProgress ?? (() => {});
  if (!Number.isInteger(leadCount) || leadCount < 1) {
    throw new Error('seedDemo: `leads` must be a positive integer');
  }
  const calendar = demoCalendar(options.now);
  const plan = buildVolumePlan(sourceProfiles, calendar, seed);
  const ctx = leadContext(sourceProfiles, calendar, plan, seed, leadCount);

  return db.transaction(async (tx) => {
    const [existing] = await selectRows<{ n: number }>(
      tx,
      sql`select (select count(*) from sources)::int as n`,
    );
    if ((existing?.n ?? 0) > 0) throw new Error('seedDemo needs an empty database (it already has sources)');

    report(0, 1, 'sources');
    const sourceIds = await insertSources(tx, sourceProfiles, calendar);
    const spendRows = buildSpend(sourceProfiles, calendar, seed);
    if (spendRows.length > 0) {
      await tx.insert(spend).values(
        spendRows.map((r) => ({
          sourceId: defined(sourceIds[r.source]),
          month: r.month,
          campaign: r.campaign,
          amount: r.amount,
        })),
      );
    }
    await tx
      .insert(salesCost)
      .values(buildSalesCost(calendar, seed).map((r) => ({ ...r, origin: 'demo' as const })));
    report(1, 1, 'sources');

    // Leads and touches load as a restore does (bulk-load.ts): indexes, foreign keys and rollups
    // built once at the end rather than kept up to date through 60 batches.
    const actuals = emptyActuals(calendar.currentQuarter + 1, sourceProfiles.length);
    const touchCount = await bulkLoad(
      tx,
      ['leads', 'touches'],
      async () => {
        // Pass 1: leads.
        const leadIds = new Float64Array(leadCount);
        // Up to 200,000 leads stay in memory for pass 2 (some 100 MB); beyond, they are generated again.
        const keep = leadCount <= KEEP_LEADS_UP_TO;
        const kept: DemoLead[][] = [];
        let pending: Promise<void> | null = null;
        for (let first = 0; first < leadCount; first += LEADS_PER_INSERT) {
          const batch = leadBatch(ctx, first, Math.min(leadCount, first + LEADS_PER_INSERT));
          if (keep) kept.push(batch);
          for (const lead of batch) countLead(actuals, lead, calendar.startYear);
          await pending;
          pending = inFlight(
            insertLeads(tx, batch, sourceIds).then((ids) => {
              leadIds.set(ids, first);
              report(first + batch.length, leadCount, 'leads');
            }),
          );
        }
        await pending;

        // Pass 2: touches, from the same leads (kept, or regenerated: the same for the same index).
        let touchCount = 0;
        let buffer: TouchBuffer = emptyTouchBuffer();
        pending = null;
        const flush = async (leadsDone: number) => {
          const full = buffer;
          buffer = emptyTouchBuffer();
          touchCount += full.leadIds.length;
          await pending;
          pending = inFlight(insertTouches(tx, full).then(() => report(leadsDone, leadCount, 'touches')));
        };
        for (let first = 0; first < leadCount; first += LEADS_PER_INSERT) {
          const batch =
            kept[first / LEADS_PER_INSERT] ??
            leadBatch(ctx, first, Math.min(leadCount, first + LEADS_PER_INSERT));
          for (const lead of batch) {
            const profile = defined(sourceProfiles[lead.source]);
            generateTouches(lead, defined(leadIds[lead.index]), profile, seed, calendar.now, buffer);
          }
          if (buffer.leadIds.length >= TOUCHES_PER_INSERT) await flush(first + batch.length);
        }
        if (buffer.leadIds.length > 0) await flush(leadCount);
        await pending;
        report(leadCount, leadCount, 'touches');
        return touchCount;
      },
      (phase) => report(0, 1, phase),
    );
    report(1, 1, 'rollups');

    report(0, 1, 'targets');
    const targetRows = buildTargets(
      actuals,
      expectedLeads(plan, sourceProfiles, calendar, leadCount),
      calendar,
      seed,
    );
    await tx.insert(targets).values(
      targetRows.map((t) => ({
        quarter: t.quarter,
        metric: t.metric,
        sourceId: t.source === null ? null : defined(sourceIds[t.source]),
        value: t.value,
      })),
    );
    // The leads and touches have fresh planner statistics from the bulk load (bulk-load.ts).
    report(1, 1, 'targets');
    return { leads: leadCount, touches: touchCount, sources: sourceIds.length };
  });
}

/**
 * Writes run one at a time, in order (so ids are deterministic), while the next batch is
 * built. A failed write surfaces at the next await rather than as an unhandled rejection.
 */
function inFlight(write: Promise<void>): Promise<void> {
  write.catch(() => {});
  return write;
}

function leadBatch(ctx: LeadContext, from: number, to: number): DemoLead[] {
  const batch: DemoLead[] = [];
  for (let i = from; i < to; i++) batch.push(generateLead(ctx, i));
  return batch;
}

async function insertSources(db: Database, profiles: readonly SourceProfile[], calendar: DemoCalendar) {
  const rows = await db
    .insert(sources)
    .values(
      profiles.map((p) => ({
        name: p.name,
        key: p.name.trim().toLowerCase(),
        category: p.category,
        createdAt: new Date(calendar.start),
      })),
    )
    .returning({ id: sources.id });
  return rows.map((r) => r.id);
}
