import { type DbHandle, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import {
  compareSqlSources,
  readSqlSources,
  type SqlSource,
  splitStatements,
} from '@salesready/db/sql-source';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// db/sql/ holds the current definition of every function and trigger (docs/decisions/0012): the migrated
// database must define exactly what the files do, so neither can change without the other.
describeOnBackend('db/sql matches the migrated database', () => {
  let handle: DbHandle;
  const sources = readSqlSources();
  let report: Awaited<ReturnType<typeof compareSqlSources>>;
  beforeAll(async () => {
    handle = await openTestDb();
    report = await compareSqlSources(handle.db, sources);
  });
  afterAll(() => handle?.close());

  it.each(sources.map((s) => s.file))('db/sql/%s defines its functions and triggers as migrated', (file) => {
    expect(report.files.find((f) => f.file === file)?.differences).toEqual([]);
  });

  it('defines every function and trigger of the migrated database', () => {
    expect(report.undeclared).toEqual([]);
  });

  it('leaves the database as it was', async () => {
    // The comparison runs the files in transactions it rolls back: the triggers still count writes.
    const version = async () =>
      defined(
        (
          await selectRows<{ v: string }>(handle.db, sql`select sum(version)::text as v from data_versions`)
        )[0],
      ).v;
    const before = await version();
    await handle.db.execute(
      sql`insert into sources (name, key, category) values ('Probe', 'probe', 'other')`,
    );
    expect(BigInt(await version())).toBe(BigInt(before) + 1n);
  });

  it('notices a file edited without a migration', async () => {
    const edited = sources.map(
      (s): SqlSource =>
        s.file === 'rollups-on-sources.sql'
          ? { ...s, statements: splitStatements(s.text.replace('SET jit = off ', '')) }
          : s.file === 'data-version.sql'
            ? { ...s, statements: splitStatements(s.text.replace('version + 1', 'version + 2')) }
            : s,
    );
    const { files, undeclared } = await compareSqlSources(
      handle.db,
      edited.filter((s) => s.file !== 'audit-append-only.sql'),
    );
    expect(files.filter((f) => f.differences.length > 0)).toEqual([
      {
        file: 'data-version.sql',
        differences: ['function data_version_bump() differs from the migrated database'],
      },
      {
        file: 'rollups-on-sources.sql',
        differences: ['function rollups_on_sources() differs from the migrated database'],
      },
    ]);
    expect(undeclared.map((u) => u.key)).toEqual([
      'function audit_log_append_only()',
      'trigger audit_log_append_only on audit_log',
      'trigger audit_log_no_truncate on audit_log',
    ]);
  });

  it('notices a migration that changes a function or drops a trigger without the file', async () => {
    await handle.db.execute(
      sql.raw(`CREATE OR REPLACE FUNCTION rollup_day(at timestamptz, tz text) RETURNS date
        LANGUAGE sql STABLE PARALLEL SAFE AS $$ select (at at time zone tz)::date $$`),
    );
    await handle.db.execute(sql`drop trigger data_version_truncate on spend`);
    const { files } = await compareSqlSources(handle.db, sources);
    expect(files.filter((f) => f.differences.length > 0)).toEqual([
      {
        file: 'data-version.sql',
        differences: ['trigger data_version_truncate on spend is not in the migrated database'],
      },
      {
        file: 'rollup-day.sql',
        differences: [
          'function rollup_day(timestamp with time zone,text) differs from the migrated database',
        ],
      },
    ]);
  });
});
