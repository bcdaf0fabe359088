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

  // PGlite has no JIT compiler to turn off.
  it.skipIf(testBackend === 'pglite')(
    'run with JIT compilation off, on every connection of the pool',
    async () => {
      // Held open together, so the pool opens several connections.
      const settings = await Promise.all(
        Array.from({ length: 4 }, () =>
          selectRows<{ jit: string }>(handle.db, sql`select current_setting('jit') as jit, pg_sleep(0.05)`),
        ),
      );
      expect(settings.map(([row]) => row?.jit)).toEqual(['off', 'off', 'off', 'off']);
    },
  );
});
