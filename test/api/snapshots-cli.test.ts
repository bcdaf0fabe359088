import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createDb, selectRows } from '@salesready/db/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { addLeads } from '../helpers/factories';
import { tempFolder } from '../helpers/import-files';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { runCli } from '../helpers/run-cli';
import { describeOnBackend, testBackend } from '../helpers/test-db';

// Deals opened a week before today's last Sunday: the rebuild keeps every week since the first lead.
describeOnBackend('pnpm cli snapshots', () => {
  const files = tempFolder('sr-snapshots-cli-');
  let env: Record<string, string>;
  let url: string | undefined;
  let dropDatabase = async () => {};

  const open = () => createDb(url, url ? {} : { dataDir: `${files.dir}/data` });

  beforeAll(async () => {
    if (testBackend === 'postgres') {
      const name = uniqueName('sr_snap');
      await withAdmin((c) => c.query(`create database ${name} template ${inject('postgresTemplate')}`));
      url = databaseUrl(name);
      env = { DATABASE_URL: url };
      dropDatabase = () =>
        withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {});
    } else {
      env = { DATA_DIR: `${files.dir}/data` };
      const client = await PGlite.create({
        dataDir: `${files.dir}/data`,
        loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
      });
      await client.close();
    }
    const handle = await open();
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await addLeads(handle.db, [
      { externalId: 'd1', createdAt: daysAgo(40), opportunityAt: daysAgo(35), amount: 1000 },
      { externalId: 'd2', createdAt: daysAgo(30), opportunityAt: daysAgo(25), amount: 500 },
      { externalId: 'l1', createdAt: daysAgo(20) },
    ]);
    await handle.close();
  });
  afterAll(async () => {
    await dropDatabase();
    files.remove();
  });

  it('rebuilds the weeks since the first lead, then keeps nothing twice', async () => {
    const first = await runCli(['snapshots', '--rebuild'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/(\d+) of \1 weeks rebuilt/);
    expect(first.stdout).toMatch(/already kept \(rebuilt\)\s+3 open leads, 2 deals, 1500 open/);
    const handle = await open();
    const [weeks] = await selectRows<{ n: number; rebuilt: number }>(
      handle.db,
      sql`select count(*)::int as n, (count(*) filter (where rebuilt))::int as rebuilt from pipeline_snapshot_weeks`,
    );
    await handle.close();
    expect(weeks?.n).toBeGreaterThanOrEqual(5);
    expect(weeks?.rebuilt).toBe(weeks?.n);
    const again = await runCli(['snapshots', '--rebuild'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^0 of \d+ weeks rebuilt/m);
  });

  it('says what is wrong with a week that is not a Sunday, or an unknown option', async () => {
    const monday = await runCli(['snapshots', '--week', '2026-03-02'], env);
    expect(monday.code).toBe(2);
    expect(monday.stderr).toContain('weekEnd must be a Sunday YYYY-MM-DD, got 2026-03-02');
    const typo = await runCli(['snapshots', '--rebiuld'], env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--rebiuld');
  });
});
