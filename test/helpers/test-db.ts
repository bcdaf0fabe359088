import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createDb, type DbHandle, type DriverName } from '@salesready/db/client';
import { wrapPglite } from '@salesready/db/drivers/pglite';
import { describe, inject } from 'vitest';
import { databaseUrl, uniqueName, withAdmin } from './postgres-server';

export const testBackend = (process.env.TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** describe() that runs on the current backend, skipped with a notice when its server is unreachable. */
export function describeOnBackend(name: string, fn: () => void): void {
  const unavailable = testBackend === 'postgres' && inject('postgresTemplate') === null;
  describe.skipIf(unavailable)(`${name} [${testBackend}]`, fn);
}

/** A fresh, migrated, empty database of its own for one test file. */
export async function openTestDb(driver: DriverName = testBackend): Promise<DbHandle> {
  if (driver === 'pglite') {
    const dump = readFileSync(inject('pgliteTemplate'));
    const client = await PGlite.create({ loadDataDir: new Blob([dump]) });
    return wrapPglite(client, false);
  }
  const template = inject('postgresTemplate');
  if (!template) throw new Error('the PostgreSQL server is unavailable');
  const name = uniqueName('sr_test');
  await withAdmin((c) => c.query(`create database ${name} template ${template}`));
  const handle = await createDb(databaseUrl(name), { driver });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
