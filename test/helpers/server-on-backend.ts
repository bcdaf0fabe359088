import { inject } from 'vitest';
import { databaseUrl, uniqueName, withAdmin } from './postgres-server';
import { type RunningServer, startServer } from './server-process';
import { testBackend } from './test-db';

/**
 * The real Node server on the current backend's database of its own: a fresh embedded one (no demo
 * data) on PGlite, a database made from the migrated template on PostgreSQL.
 */
export async function startServerOnBackend(env: Record<string, string> = {}): Promise<RunningServer> {
  if (testBackend === 'pglite') return startServer({ SEED_DEMO: 'never', ...env });
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
