import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Database, selectRows } from './client';

/**
 * The SQL that lives in the database (trigger and function bodies) has one current definition, in db/sql/
 * (docs/decisions/0012). Migrations are generated from those files (`pnpm db:sql`); this module compares
 * them with a migrated database, for the generator and for test/db/sql-source.test.ts.
 */
export const sqlFolder = fileURLToPath(new URL('../sql', import.meta.url));

export const statementBreakpoint = '--> statement-breakpoint';

export interface SqlSource {
  /** The file's name in db/sql/, e.g. `rollups-on-leads.sql`. */
  file: string;
  /** Its text, as a migration takes it. */
  text: string;
  /** Its statements, split where drizzle's migrator splits a migration. */
  statements: string[];
}

export function splitStatements(text: string): string[] {
  return text
    .split(statementBreakpoint)
    .map((s) => s.trim())
    .filter((s) => s.replace(/^\s*--.*$/gm, '').trim() !== '');
}

export function readSqlSources(folder = sqlFolder): SqlSource[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(folder, file), 'utf8');
      return { file, text, statements: splitStatements(text) };
    });
}

/** One function or trigger of the database, by a name that says what it is (`function f(int)`, `trigger t on leads`). */
interface CatalogEntry {
  key: string;
  /** The statement dropping it. */
  drop: string;
  /** pg_get_functiondef / pg_get_triggerdef, whitespace collapsed: layout is not behaviour. */
  definition: string;
}

// The functions (not those of extensions) and the user triggers of the current schema. Both servers
// print definitions from the catalogue, so the text compared is theirs, not the file's.
async function readCatalog(db: Database): Promise<Map<string, CatalogEntry>> {
  const rows = await selectRows<CatalogEntry>(
    db,
    sql`select 'function ' || p.oid::regprocedure::text as key,
          'DROP FUNCTION ' || p.oid::regprocedure::text as drop,
          pg_get_functiondef(p.oid) as definition
        from pg_proc p
        where p.pronamespace = current_schema()::regnamespace and p.prokind in ('f', 'p')
          and not exists (select 1 from pg_depend d
            where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
        union all
        select 'trigger ' || t.tgname || ' on ' || c.relname,
          'DROP TRIGGER ' || quote_ident(t.tgname) || ' ON ' || quote_ident(c.relname),
          pg_get_triggerdef(t.oid)
        from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where c.relnamespace = current_schema()::regnamespace and not t.tgisinternal
        order by 1`,
  );
  return new Map(rows.map((r) => [r.key, { ...r, definition: r.definition.replace(/\s+/g, ' ').trim() }]));
}

/** What `after` has that `before` lacks or defines otherwise, in words. */
function differences(before: Map<string, CatalogEntry>, after: Map<string, CatalogEntry>): string[] {
  const found: string[] = [];
  for (const [key, entry] of after) {
    const was = before.get(key);
    if (!was) found.push(`${key} is not in the migrated database`);
    else if (was.definition !== entry.definition) found.push(`${key} differs from the migrated database`);
  }
  return found;
}

class RolledBack extends Error {}

/** Runs `fn` in a transaction that is always rolled back, and returns what it returned. */
async function rolledBack<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx as unknown as Database);
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return result as T;
}

async function apply(db: Database, source: SqlSource): Promise<void> {
  for (const statement of source.statements) await db.execute(sql.raw(statement));
}

export interface SqlSourceReport {
  /** Per file: what it defines that the database lacks or defines otherwise (empty when it matches). */
  files: { file: string; differences: string[] }[];
  /** Functions and triggers of the database that no file defines (with the statements dropping them). */
  undeclared: { key: string; drop: string }[];
}

/**
 * Compares db/sql/ with a migrated database, changing nothing in it: each file is run over the database
 * (its `create or replace` statements) and must leave every definition as it was; then, with all functions
 * and triggers dropped, the files together must define everything the database had.
 */
export async function compareSqlSources(
  db: Database,
  sources: SqlSource[] = readSqlSources(),
): Promise<SqlSourceReport> {
  const migrated = await readCatalog(db);
  const files: SqlSourceReport['files'] = [];
  for (const source of sources) {
    try {
      const found = await rolledBack(db, async (tx) => {
        await apply(tx, source);
        return differences(migrated, await readCatalog(tx));
      });
      files.push({ file: source.file, differences: found });
    } catch (error) {
      files.push({ file: source.file, differences: [`fails over the migrated database: ${String(error)}`] });
    }
  }
  const fromFiles = await rolledBack(db, async (tx) => {
    // Triggers go with their functions (cascade).
    for (const entry of migrated.values())
      if (entry.key.startsWith('function ')) await tx.execute(sql.raw(`${entry.drop} CASCADE`));
    for (const source of sources) await apply(tx, source);
    return readCatalog(tx);
  }).catch(() => migrated);
  const undeclared = [...migrated.values()]
    .filter((entry) => !fromFiles.has(entry.key))
    .map(({ key, drop }) => ({ key, drop }));
  return { files, undeclared };
}

/** The report in words, one line per difference; empty when db/sql/ matches the database. */
export function describeReport(report: SqlSourceReport): string[] {
  return [
    ...report.files.flatMap((f) => f.differences.map((d) => `db/sql/${f.file}: ${d}`)),
    ...report.undeclared.map((u) => `${u.key} is in the migrated database but in no file of db/sql`),
  ];
}
