import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createDb, selectRows } from '@salesready/db/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { generatedCsv, tempFolder } from '../helpers/import-files';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { runCli } from '../helpers/run-cli';
import { describeOnBackend, testBackend } from '../helpers/test-db';

describeOnBackend('pnpm cli import', () => {
  const files = tempFolder('sr-cli-test-');
  let env: Record<string, string>;
  let url: string;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    if (testBackend === 'postgres') {
      const name = uniqueName('sr_cli');
      await withAdmin((c) => c.query(`create database ${name} template ${inject('postgresTemplate')}`));
      url = databaseUrl(name);
      env = { DATABASE_URL: url };
      dropDatabase = () =>
        withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {});
    } else {
      // The embedded database's folder, already migrated (from the suite's template): the CLI opens it as a user's would.
      url = `file:${files.dir}/data`;
      env = { DATA_DIR: `${files.dir}/data` };
      const client = await PGlite.create({
        dataDir: `${files.dir}/data`,
        loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
      });
      await client.close();
    }
  });
  afterAll(async () => {
    await dropDatabase();
    files.remove();
  });

  it('imports a file with a progress bar on stderr and the report on stdout', async () => {
    const path = files.file(
      'leads.csv',
      generatedCsv(30).replace('id,created,source,amount', 'Lead,Created,Channel,Value'),
    );
    const result = await runCli(
      [
        'import',
        path,
        '--map',
        'externalId=Lead',
        '--map',
        'createdAt=Created',
        '--map',
        'source=Channel',
        '--map',
        'amount=Value',
        '--value',
        'Channel:Webinar=Events',
        '--const',
        'stage=mql',
        '--timezone',
        'America/New_York',
        '--batch-size',
        '10',
      ],
      env,
    );
    expect(result.stderr).toMatch(/importing +\[#+\] 100%/);
    expect(result.stdout).toContain(
      'completed: 30 rows read, 30 inserted, 0 updated, 0 unchanged, 0 rejected',
    );
    expect(result.code).toBe(0);

    const handle = await createDb(url, { migrate: false });
    try {
      const stored = await selectRows<{ n: number; events: number; created: string }>(
        handle.db,
        sql`select count(*)::int as n, count(*) filter (where s.name = 'Events')::int as events,
              min(l.created_at)::text as created
            from leads l left join sources s on s.id = l.source_id where l.stage = 'mql'`,
      );
      expect(stored[0]).toEqual({ n: 30, events: 10, created: '2024-01-01 05:00:00+00' });
    } finally {
      await handle.close();
    }
  }, 60_000);

  it('rejects the row whose date fits no reading (31/31/2020) with its line and column, and imports the others', async () => {
    const path = files.file(
      'dates.csv',
      'Lead,Created\nT1,2020-01-05\nT2,31/31/2020\nT3,2020-01-07\nT4,2020-01-08T10:00:00Z\n',
    );
    const result = await runCli(
      ['import', path, '--map', 'externalId=Lead', '--map', 'createdAt=Created', '--origin', 'dates'],
      env,
    );
    expect(result.stdout).toContain('completed: 4 rows read, 3 inserted, 0 updated, 0 unchanged, 1 rejected');
    expect(result.stdout).toContain(
      'line 3 [Created]: "31/31/2020" is not a valid date: neither day/month nor month/day order fits 31 and 31',
    );
    expect(result.code).toBe(0);
    const handle = await createDb(url, { migrate: false });
    try {
      const stored = await selectRows<{ external_id: string }>(
        handle.db,
        sql`select external_id from leads where origin_system = 'dates' order by external_id`,
      );
      expect(stored.map((r) => r.external_id)).toEqual(['T1', 'T3', 'T4']);
    } finally {
      await handle.close();
    }
  }, 60_000);

  it('exits 1 with the reason when the import fails, and 2 on a usage error', async () => {
    const path = files.file('bad.csv', 'Lead,Created\nX1,2024-01-01\n');
    const failed = await runCli(
      ['import', path, '--map', 'externalId=lead_id', '--map', 'createdAt=Created'],
      env,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/failed: 0 rows read/);
    expect(failed.stdout).toContain(
      'line 1 [lead_id]: the file has no column "lead_id" (mapped to externalId)',
    );

    const usage = await runCli(['import', path], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('give a mapping');
  }, 60_000);
});
