import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { imports } from '@salesready/db/schema/index';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { type RunningServer, startServer } from '../helpers/server-process';
import { describeOnBackend, testBackend } from '../helpers/test-db';

describeOnBackend('the real server’s start marks an import a stop cut off as interrupted', () => {
  let server: RunningServer;
  let dataDir = '';
  let dbName = '';
  let importId = 0;

  beforeAll(async () => {
    // The database as a crash left it: one import still `running`.
    let env: Record<string, string>;
    if (testBackend === 'pglite') {
      dataDir = mkdtempSync(join(tmpdir(), 'salesready-restart-'));
      env = { DATA_DIR: dataDir, SEED_DEMO: 'never' };
    } else {
      dbName = uniqueName('sr_restart');
      await withAdmin((c) => c.query(`create database ${dbName} template ${inject('postgresTemplate')}`));
      env = { DATABASE_URL: databaseUrl(dbName) };
    }
    const handle = await createDb(env.DATABASE_URL ?? `file:${dataDir}`, { migrate: true });
    const [row] = await handle.db
      .insert(imports)
      .values({ fileName: 'crm-export.csv', mapping: {}, read: 120_000, inserted: 100_000 })
      .returning({ id: imports.id });
    importId = defined(row).id;
    await handle.close();
    server = await startServer(env);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (dbName) await withAdmin((c) => c.query(`drop database if exists ${dbName} with (force)`));
  });

  it('logs it and shows it as interrupted, with what to do', async () => {
    expect(server.output()).toContain(
      `Marked 1 import(s) cut off by the last stop as interrupted: ${importId}.`,
    );
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    const cookie = defined(defined(setup.headers.get('set-cookie')).split(';')[0]);
    const shown = await (
      await fetch(`${server.url}/api/imports/${importId}`, { headers: { cookie } })
    ).json();
    expect(shown).toMatchObject({ id: importId, status: 'interrupted', read: 120_000, inserted: 100_000 });
    expect(JSON.stringify(shown.errors)).toContain('run it again');
  });
});
