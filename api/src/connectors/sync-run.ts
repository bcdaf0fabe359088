import { arrayLiteral } from '@salesready/db/array-literal';
import { type Database, selectRows } from '@salesready/db/client';
import { type WriteRow, writeBatch } from '@salesready/db/import/write-batch';
import { type ConnectorRun, connectors } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import type { SliceContext, SliceResult } from '../jobs/kind';

// What every CRM's sync shares: its counts, how a page of leads is written and deleted, and one job
// slice's bookkeeping (the cursor, the run's counts and status on the connector).

/** What a sync did: the counts of a run, and each refused record's id and reason. */
export interface SyncTally {
  read: number;
  inserted: number;
  updated: number;
  rejected: number;
  deleted: number;
  errors: { recordId: string; message: string }[];
}

export const emptyTally = (): SyncTally => ({
  read: 0,
  inserted: 0,
  updated: 0,
  rejected: 0,
  deleted: 0,
  errors: [],
});

/** Counts a refused record; the first thousand reasons are kept (a run shows 200). */
export function reject(tally: SyncTally, recordId: string, message: string): void {
  tally.rejected++;
  if (tally.errors.length < 1000) tally.errors.push({ recordId, message });
}

/** Writes a page of mapped leads through the importer (one transaction) and counts what it did. */
export async function writeLeadRows(
  db: Database,
  rows: WriteRow[],
  originSystem: string,
  mode: 'upsert' | 'update',
  tally: SyncTally,
): Promise<void> {
  if (!rows.length) return;
  const result = await writeBatch(db, rows, { originSystem, mode, importId: null });
  tally.inserted += result.inserted;
  tally.updated += result.updated;
}

/** Records deleted in the CRM leave the figures: their leads are deleted, and counted. */
export async function deleteLeads(
  db: Database,
  originSystem: string,
  externalIds: string[],
  tally: SyncTally,
): Promise<void> {
  if (!externalIds.length) return;
  const gone = await selectRows<{ n: number | string }>(
    db,
    sql`with gone as (delete from leads where origin_system = ${originSystem}
          and external_id = any(${arrayLiteral(externalIds)}::text[]) returning 1)
        select count(*) as n from gone`,
  );
  tally.deleted += Number(gone[0]?.n ?? 0);
}

interface SyncCursor<State> {
  state: State;
  run: ConnectorRun;
}

/**
 * One page of a connector's sync as a job slice, from the cursor (or a new sync): the page's counts go on the
 * run, a finished sync's state is kept for the next. An `isFinal` error (a retry will not cure it) ends the
 * run with its reason on the connector; any other is thrown, for the runner to retry the slice.
 */
export async function connectorSlice<State extends { phase: string }>(
  { db, cursor, now }: Pick<SliceContext, 'db' | 'cursor' | 'now'>,
  connectorId: number,
  sync: {
    start: () => State;
    slice: (state: State, tally: SyncTally) => Promise<State>;
    isFinal: (error: unknown) => boolean;
  },
): Promise<SliceResult> {
  const previous = (cursor as SyncCursor<State> | null) ?? null;
  const state = previous?.state ?? sync.start();
  const run: ConnectorRun = previous?.run ?? {
    startedAt: now.toISOString(),
    finishedAt: null,
    ...emptyTally(),
  };
  const tally = emptyTally();
  let next: State;
  try {
    next = await sync.slice(state, tally);
  } catch (error) {
    if (!sync.isFinal(error)) throw error;
    const message = (error as Error).message;
    await db
      .update(connectors)
      .set({ status: 'failed', message, lastRun: { ...run, finishedAt: now.toISOString() } })
      .where(eq(connectors.id, connectorId));
    return { cursor: { state, run }, done: true, result: { failed: message } };
  }
  const merged: ConnectorRun = {
    ...run,
    read: run.read + tally.read,
    inserted: run.inserted + tally.inserted,
    updated: run.updated + tally.updated,
    rejected: run.rejected + tally.rejected,
    deleted: run.deleted + tally.deleted,
    errors: [...run.errors, ...tally.errors].slice(0, 200),
  };
  const done = next.phase === 'done';
  if (done) merged.finishedAt = new Date().toISOString();
  await db
    .update(connectors)
    .set({ status: done ? 'idle' : 'syncing', message: null, lastRun: merged, ...(done && { state: next }) })
    .where(eq(connectors.id, connectorId));
  return {
    cursor: { state: next, run: merged } satisfies SyncCursor<State>,
    done,
    progress: { done: merged.read, total: merged.read },
    result: done ? merged : undefined,
  };
}
