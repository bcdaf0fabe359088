import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { runImport } from '@salesready/db/import/run-import';
import { imports } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generatedCsv, rows, tempFolder } from '../helpers/import-files';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

const mapping = { externalId: 'id', createdAt: 'created', source: 'source', amount: 'amount' } as const;

describeOnBackend('an import that breaks off midway', () => {
  let handle: DbHandle;
  const files = tempFolder();
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => {
    files.remove();
    await handle?.close();
  });

  const stats = async (origin: string) =>
    defined(
      (
        await rows<{ n: number; ids: number }>(
          handle.db,
          sql`select count(*)::int as n, count(distinct external_id)::int as ids from leads where origin_system = ${origin}`,
        )
      )[0],
    );

  it('keeps the batches before a failing one, none of it, and finishes on a re-run without duplicates', async () => {
    const path = files.file('ten.csv', generatedCsv(10));
    // A real constraint the 7th lead breaks: batch 3 (L7–L9, lines 8–10) fails inside the database.
    await handle.db.execute(sql`alter table leads add constraint test_no_l7 check (external_id <> 'L7')`);
    const failed = await runImport(handle.db, {
      path,
      fileName: 'ten.csv',
      mapping,
      timezone: 'UTC',
      batchSize: 3,
      originSystem: 'cut',
    });
    expect(failed).toMatchObject({ status: 'failed', read: 6, inserted: 6 });
    expect(failed.message).toMatch(/stopped at line 8: .*The 6 rows before it are stored/);
    expect(await stats('cut')).toEqual({ n: 6, ids: 6 });
    const [row] = await handle.db.select().from(imports).where(eq(imports.id, failed.id));
    expect(row).toMatchObject({ status: 'failed', read: 6, inserted: 6 });
    expect(defined(row).finishedAt).not.toBeNull();

    await handle.db.execute(sql`alter table leads drop constraint test_no_l7`);
    const rerun = await runImport(handle.db, {
      path,
      fileName: 'ten.csv',
      mapping,
      timezone: 'UTC',
      batchSize: 3,
      originSystem: 'cut',
    });
    expect(rerun).toMatchObject({ status: 'completed', read: 10, inserted: 4, updated: 0, unchanged: 6 });
    expect(await stats('cut')).toEqual({ n: 10, ids: 10 });
    // Sources created by the failed batch were rolled back with it; each name is one source.
    const [sources] = await rows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from sources where key = 'google'`,
    );
    expect(defined(sources).n).toBe(1);
  });

  it('keeps earlier batches when the upload stream breaks, beyond the first chunk', async () => {
    const csv = generatedCsv(6000);
    const cut = csv.indexOf('\nL4000,');
    async function* broken() {
      // Several chunks, as a network upload arrives, then the connection drops.
      for (let at = 0; at < cut; at += 16 * 1024)
        yield Buffer.from(csv.slice(at, Math.min(at + 16 * 1024, cut)));
      throw new Error('connection reset by peer');
    }
    const options = { mapping, timezone: 'UTC', batchSize: 500, originSystem: 'stream' } as const;
    const failed = await runImport(handle.db, { ...options, stream: broken(), fileName: 'broken.csv' });
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/connection reset by peer/);
    const kept = await stats('stream');
    expect(kept.n).toBe(kept.ids);
    expect(kept.n).toBe(failed.inserted);
    expect(kept.n).toBeGreaterThanOrEqual(3000);
    expect(kept.n % 500).toBe(0);
    // The line reported is where a re-run has work to do: the first lead not stored (L1 is on line 2).
    expect(defined(failed.errors.at(-1)).line).toBe(kept.n + 2);
    const rerun = await runImport(handle.db, {
      ...options,
      stream: (async function* () {
        yield Buffer.from(csv);
      })(),
      fileName: 'whole.csv',
    });
    expect({ ...rerun, errors: rerun.errors.slice(0, 3) }).toMatchObject({
      status: 'completed',
      read: 6000,
      inserted: 6000 - kept.n,
      unchanged: kept.n,
    });
    expect(await stats('stream')).toEqual({ n: 6000, ids: 6000 });
  });
});
