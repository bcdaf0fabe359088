import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { parse } from 'csv-parse/sync';
import { type SQL, sql } from 'drizzle-orm';

/** A temporary folder for one test file's CSVs; call `remove` in afterAll. */
export function tempFolder(prefix = 'sr-import-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    /** Writes a file (text as UTF-8, or raw bytes) and returns its path. */
    file(name: string, content: string | Buffer): string {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Reads a CSV independently of the product (csv-parse's sync API, header row as keys). */
export function readCsvRecords(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
}

export function countBy<T>(items: T[], key: (item: T) => string | null): Map<string | null, number> {
  const out = new Map<string | null, number>();
  for (const item of items) {
    const k = key(item);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return selectRows<T>(db, query);
}

export async function leadCount(db: Database): Promise<number> {
  const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from leads`);
  return defined(row).n;
}

/** Lines of a generated CSV: a header and `n` leads L1..Ln created a day apart from 2024-01-01. */
export function generatedCsv(n: number, header = 'id,created,source,amount'): string {
  const lines = [header];
  for (let i = 1; i <= n; i++) {
    const day = new Date(Date.UTC(2024, 0, 1) + (i - 1) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`L${i},${day},${['Google', 'google ', 'Webinar'][i % 3]},${i * 10}`);
  }
  return `${lines.join('\n')}\n`;
}
