import { createDb } from '@salesready/db/client';
import { inject } from 'vitest';
import { addUser } from '../helpers/factories';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { startWsProxy } from '../helpers/ws-proxy';
import { importer } from './chunked-import';

export const serverUnavailable = inject('postgresTemplate') === null;
export const executive = { email: 'exec@example.com', password: 'correct horse battery' };

/**
 * A migrated database of this file's own on the PostgreSQL server, with the quarter fixture and an
 * executive and an admin, and the WebSocket proxy the Neon driver reaches it through.
 */
export async function serverlessDatabase(): Promise<{
  url: string;
  proxy: string;
  close: () => Promise<void>;
}> {
  const name = uniqueName('sr_serverless');
  await withAdmin((c) => c.query(`create database ${name} template ${inject('postgresTemplate')}`));
  const url = databaseUrl(name);
  const handle = await createDb(url, { driver: 'postgres' });
  try {
    await seedQuarterFixture(handle.db);
    await addUser(handle.db, executive.email, executive.password, 'executive');
    await addUser(handle.db, importer.email, importer.password, 'admin');
  } finally {
    await handle.close();
  }
  const proxy = await startWsProxy();
  return {
    url,
    proxy: `127.0.0.1:${proxy.port}`,
    close: async () => {
      await proxy.close();
      await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** The quarter the fixture closes: fiscal 2026-Q1 (February to April 2025), 8 leads, 5 sales-ready. */
export const fixtureQuarter = '2026-Q1';
