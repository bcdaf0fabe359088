import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { fiscalQuarter, parseQuarter, todayIn } from '@salesready/db/periods';
import { shareTheGap } from '@salesready/db/queries/pacing/gap-decomposition';
import type { GapRow, PacingFigures, QuarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { reportSnapshots, users } from '@salesready/db/schema/index';
import { readSettings } from '@salesready/db/settings';
import { eq } from 'drizzle-orm';
import { audit } from '../../audit';
import { AppError } from '../../errors';
import { resolvePeriods } from '../../figures/period-query';
import { canonicalJson, sha256Hex } from '../canonical-json';
import { type BoardPackData, boardPackData } from './data';

/** The figures of a pack: everything it prints except when it was printed. */
export type PackFigures = Omit<BoardPackData, 'generatedAt' | 'freshness'> & { freshness: string | null };

export interface Freeze {
  frozenAt: Date;
  frozenBy: string | null;
  /** SHA-256 of the snapshot's canonical JSON, hex. */
  hash: string;
}

/** Open: in progress or not started, never frozen. Closed: frozen on first generation. */
/**
 * open: the quarter runs, its figures move; unfrozen: it has ended and nobody has frozen it yet (live
 * figures, said so); closed: frozen, the pack prints its snapshot.
 */
export type FreezeStatus = { state: 'open' } | { state: 'unfrozen' } | ({ state: 'closed' } & Freeze);

export interface PackSource {
  data: BoardPackData;
  status: FreezeStatus;
}

export function toFigures(data: BoardPackData): PackFigures {
  const { generatedAt: _generatedAt, freshness, ...rest } = data;
  return { ...rest, freshness: freshness?.toISOString() ?? null };
}

export function fromFigures(figures: PackFigures, generatedAt: Date): BoardPackData {
  return { ...figures, generatedAt, freshness: figures.freshness ? new Date(figures.freshness) : null };
}

/**
 * A snapshot frozen before the pacing said whether its quarter is closed, or shared the gap among
 * the short sources only, read as today's answer would give it; the stored bytes (and their hash)
 * are untouched.
 */
export function upgradeFigures(figures: PackFigures): PackFigures {
  const pacing = figures.pacing as Omit<QuarterPacing, 'closed'> & { closed?: boolean };
  if (pacing.closed !== undefined) return figures;
  const closed = pacing.daysElapsed >= pacing.daysInQuarter;
  const metrics = Object.fromEntries(
    Object.entries(pacing.metrics).map(([metric, m]) => {
      const overall = closed ? asClosed(m.overall) : m.overall;
      const sources = closed ? m.sources.map(asClosed) : m.sources;
      if (!m.explained) return [metric, { ...m, overall, sources }];
      const rows = closed
        ? m.explained.rows.map((r) => {
            const source = sources.find((s) => s.sourceId === r.sourceId && r.basis !== 'unallocated');
            const projection = source ? source.projection : r.projection;
            return { ...r, projection, gap: r.allocatedTarget - projection };
          })
        : m.explained.rows;
      const shares = shareTheGap(rows);
      const gap = shares.shortfall - shares.offset;
      return [
        metric,
        {
          ...m,
          overall,
          sources,
          explained: { ...m.explained, ...shares, gap, largest: largestOf(shares.rows, gap) },
          closing: closed ? null : m.closing,
        },
      ];
    }),
  ) as QuarterPacing['metrics'];
  return { ...figures, pacing: { ...pacing, closed, metrics } };
}

function asClosed<F extends PacingFigures>(f: F): F {
  const a = f.actualToDate;
  return {
    ...f,
    projection: a,
    projectionLow: a,
    projectionHigh: a,
    gap: f.target === null ? null : f.target - a,
    projectionParts: { actualToDate: a, runRate: 0, funnel: 0 },
  };
}

function largestOf(rows: GapRow[], gap: number): GapRow | null {
  const worst = rows.filter((r) => r.basis !== 'unallocated').sort((a, b) => b.gap - a.gap)[0];
  return gap > 0 && worst && worst.gap > 0 ? worst : null;
}

/** A quarter is closed once its last day is over in the company's time zone. */
export async function quarterIsClosed(db: Database, label: string, now: Date): Promise<boolean> {
  const settings = await readSettings(db);
  const q = defined(parseQuarter(label));
  const { to } = fiscalQuarter(q.year, q.quarter, settings.fiscalYearStartMonth);
  return todayIn(settings.timezone, now) >= to;
}

export async function readSnapshot(
  db: Database,
  quarter: string,
): Promise<(Freeze & { figures: PackFigures }) | null> {
  const [row] = await db
    .select({
      figures: reportSnapshots.figures,
      hash: reportSnapshots.hash,
      frozenAt: reportSnapshots.frozenAt,
      frozenBy: users.name,
      frozenByEmail: users.email,
    })
    .from(reportSnapshots)
    .leftJoin(users, eq(users.id, reportSnapshots.frozenBy))
    .where(eq(reportSnapshots.quarter, quarter));
  if (!row) return null;
  return {
    figures: upgradeFigures(JSON.parse(row.figures) as PackFigures),
    hash: row.hash,
    frozenAt: row.frozenAt,
    frozenBy: row.frozenBy || row.frozenByEmail || null,
  };
}

/**
 * A pack prints today's figures for an open quarter or a closed one not yet frozen; a frozen quarter's are
 * its snapshot, so a board later reads the numbers it was given (docs/decisions/0009-frozen-board-packs.md).
 * Freezing is an explicit action (`freeze`), never a side effect of reading or downloading.
 */
export async function packSource(
  db: Database,
  quarter: string | undefined,
  now = new Date(),
): Promise<PackSource> {
  const label = quarter ?? (await resolvePeriods(db, {}, now)).current.label;
  if (!(await quarterIsClosed(db, label, now))) {
    return { data: await boardPackData(db, label, now), status: { state: 'open' } };
  }
  const snapshot = await readSnapshot(db, label);
  if (!snapshot) return { data: await boardPackData(db, label, now), status: { state: 'unfrozen' } };
  const { figures, ...freeze } = snapshot;
  return { data: fromFigures(figures, now), status: { state: 'closed', ...freeze } };
}

/** Freezes a closed quarter's figures as today's data gives them: the first time, or again (admin). */
export async function freeze(
  db: Database,
  quarter: string,
  userId: number,
  now = new Date(),
): Promise<FreezeStatus> {
  if (!(await quarterIsClosed(db, quarter, now))) {
    throw new AppError(
      'conflict',
      `fiscal quarter ${quarter} is not over yet: an open quarter is never frozen`,
    );
  }
  const mode = (await readSnapshot(db, quarter)) ? 'again' : 'first';
  await storeSnapshot(db, quarter, await boardPackData(db, quarter, now), userId, mode, now);
  const { figures: _figures, ...frozen } = defined(await readSnapshot(db, quarter));
  return { state: 'closed', ...frozen };
}

async function storeSnapshot(
  db: Database,
  quarter: string,
  data: BoardPackData,
  userId: number | null,
  mode: 'first' | 'again',
  now: Date,
): Promise<void> {
  const figures = canonicalJson(toFigures(data));
  const hash = sha256Hex(figures);
  const values = { quarter, figures, hash, frozenBy: userId, frozenAt: now };
  if (mode === 'first') {
    // Two packs generated at once: the first snapshot stays, the other request reads it.
    const stored = await db
      .insert(reportSnapshots)
      .values(values)
      .onConflictDoNothing()
      .returning({ hash: reportSnapshots.hash });
    if (stored.length > 0) await audit(db, userId, 'report.freeze', `quarter:${quarter}`, { hash });
    return;
  }
  const previous = await readSnapshot(db, quarter);
  await db
    .insert(reportSnapshots)
    .values(values)
    .onConflictDoUpdate({
      target: reportSnapshots.quarter,
      set: { figures, hash, frozenBy: userId, frozenAt: values.frozenAt },
    });
  await audit(db, userId, 'report.refreeze', `quarter:${quarter}`, {
    previousHash: previous?.hash ?? null,
    hash,
  });
}
