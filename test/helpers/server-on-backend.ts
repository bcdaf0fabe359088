import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { databaseUrl, uniqueName, withAdmin } from './postgres-server';
import { type RunningServer, startServer } from './server-process';
import { testBackend } from './test-db';

/**
 * A data folder holding a copy of the migrated template: the server opens it as an existing database
 * (no initdb, its migrations already applied) instead of creating one, seconds of CPU less per server.
 */
export async function pgliteDataDirFromTemplate(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'salesready-server-'));
  const dump = readFileSync(inject('pgliteTemplate'));
  const client = await PGlite.create(dir, { loadDataDir: new Blob([dump]) });
  await client.close();
  return dir;
}

/**
 * The real Node server on the current backend's database of its own: a copy of the migrated template
 * (no demo data) on PGlite, a database made from the migrated template on PostgreSQL.
 */
export async function startServerOnBackend(env: Record<string, string> = {}): Promise<RunningServer> {
  if (testBackend === 'pglite') {
    const dataDir = await pgliteDataDirFromTemplate();
    const server = await startServer({ SEED_DEMO: 'never', DATA_DIR: dataDir, ...env });
    return {
      ...server,
      stop: async () => {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const template = inject('postgresTemplate');
  if (!template) throw new Error('the PostgreSQL server is unavailable');
  const name = uniqueName('sr_server');
  await withAdmin((c) => c.query(`create database ${name} template ${template}`));
  const server = await startServer({ DATABASE_URL: databaseUrl(name), ...env });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
