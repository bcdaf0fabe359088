import type { DbHandle } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackend, openTestDb, testBackend } from '../helpers/test-db';

describeOnBackend('server connections', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(() => handle?.close());

  // PGlite has no JIT compiler to turn off, nor parallel workers.
  it.skipIf(testBackend === 'pglite')(
    'run with JIT compilation and parallel workers off, on every connection of the pool',
    async () => {
      // Held open together, so the pool opens several connections.
      const settings = await Promise.all(
        Array.from({ length: 4 }, () =>
          selectRows<{ jit: string; workers: string }>(
            handle.db,
            sql`select current_setting('jit') as jit,
              current_setting('max_parallel_workers_per_gather') as workers, pg_sleep(0.05)`,
          ),
        ),
      );
      expect(settings.map(([row]) => [row?.jit, row?.workers])).toEqual(Array(4).fill(['off', '0']));
    },
  );
});
