import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { createDb, type DbHandle, type DriverName, selectRows } from '@salesready/db/client';
import { runImport } from '@salesready/db/import/run-import';
import { sql } from 'drizzle-orm';
import pg from 'pg';

/** The columns of the generated file, each mapped to a lead field (15 mapped columns). */
export const benchMapping = {
  externalId: 'lead_id',
  createdAt: 'created',
  source: 'source',
  campaign: 'campaign',
  company: 'company',
  segment: 'segment',
  country: 'country',
  owner: 'owner',
  mqlAt: 'mql_date',
  wonAt: 'won_date',
  amount: 'amount',
  budget: 'budget',
  authority: 'authority',
  need: 'need',
  timeframe: 'timeframe',
} as const;

const sourceNames = [
  'Google Ads',
  'google ads',
  'LinkedIn',
  'Webinar',
  'Referral',
  'Organic',
  'Events',
  'Partner',
];
const segments = ['SMB', 'Mid-Market', 'Enterprise'];
const countries = ['US', 'GB', 'DE', 'FR', 'BR', 'IN', 'CA', 'AU'];

/** A small deterministic generator (mulberry32): the same file on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Writes a CRM-like export of `rows` leads over two years, streamed to disk: zone-less timestamps, a
 * quoted company with a comma, source case variants, about 40% MQLs, 5% won with an amount, and BANT
 * boxes ticked so that about 1 lead in 16 is sales-ready by the default rule.
 */
export async function writeBenchCsv(path: string, rows: number): Promise<void> {
  const next = random(rows);
  const out = createWriteStream(`${path}.part`);
  out.write(`${Object.values(benchMapping).join(',')}\n`);
  const start = Date.UTC(2024, 0, 1);
  const span = 730 * 86_400_000;
  let chunk = '';
  for (let i = 1; i <= rows; i++) {
    const created = start + Math.floor(next() * span);
    const mql = next() < 0.4 ? created + Math.floor(next() * 20 * 86_400_000) : null;
    const won = mql !== null && next() < 0.125 ? mql + Math.floor(next() * 60 * 86_400_000) : null;
    const bant = [0, 1, 2, 3].map(() => (next() < 0.5 ? 'true' : 'false'));
    chunk += [
      `L${i}`,
      wall(created),
      sourceNames[i % sourceNames.length],
      `Campaign ${i % 40}`,
      `"Company ${i % 5000}, Inc."`,
      segments[i % 3],
      countries[i % countries.length],
      `owner${i % 25}@example.com`,
      mql === null ? '' : wall(mql),
      won === null ? '' : wall(won),
      won === null ? '' : (1000 + Math.floor(next() * 50_000)).toFixed(2),
      ...bant,
    ].join(',');
    chunk += '\n';
    if (chunk.length > 1 << 20 || i === rows) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.part`, path);
}

/** The bench database's URL on the PostgreSQL server, for `rows` rows. */
function benchUrl(rows: number): { admin: string; name: string; url: string } {
  const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sr_bench_import_${rows}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { admin, name, url: url.toString() };
}

// The reference: the same file copied into a plain table of the file's columns, typed as the file holds
// them (no index, no trigger, no constraint), by the database's own COPY.
const referenceTable = `copy_reference (lead_id text, created timestamp, source text, campaign text,
  company text, segment text, country text, owner text, mql_date timestamp, won_date timestamp,
  amount numeric, budget boolean, authority boolean, need boolean, timeframe boolean)`;

/** psql's `\copy` of the file (COPY FROM STDIN through the client), as psql's own timing reports it. */
async function psqlCopy(url: string, path: string): Promise<number> {
  const script = `create table ${referenceTable};\n\\timing on\n\\copy copy_reference from '${path}' with (format csv, header)\n`;
  const child = spawn('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-f', '-'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdin.end(script);
  const [code] = (await once(child, 'close')) as [number];
  const ms = /Time: ([\d.]+) ms/.exec(stdout)?.[1];
  if (code !== 0 || !ms) throw new Error(`psql \\copy failed: ${stderr.trim() || stdout.trim()}`);
  return Number(ms) / 1000;
}

/** PGlite's own COPY of the file (from a blob: PGlite has no client-side stream). */
async function pgliteCopy(client: PGlite, path: string): Promise<number> {
  await client.exec(`create table ${referenceTable}`);
  const blob = new Blob([readFileSync(path)]);
  const started = performance.now();
  await client.query(`copy copy_reference from '/dev/blob' with (format csv, header)`, [], { blob });
  return (performance.now() - started) / 1000;
}

/** COPY of the same file into a plain table of the bench database, in seconds; the table is dropped after. */
async function copyReference(handle: DbHandle, rows: number, path: string): Promise<number> {
  const seconds =
    handle.driver === 'pglite'
      ? await pgliteCopy((handle.db as unknown as { $client: PGlite }).$client, path)
      : await psqlCopy(benchUrl(rows).url, path);
  const [copied] = await selectRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from copy_reference`,
  );
  if (copied?.n !== rows) throw new Error(`COPY stored ${copied?.n} rows, not ${rows}`);
  await handle.db.execute(sql`drop table copy_reference`);
  return seconds;
}

async function openEmptyDb(driver: DriverName, rows: number): Promise<DbHandle> {
  if (driver === 'pglite') {
    const dir = `.bench-data/import-pglite-${rows}`;
    rmSync(dir, { recursive: true, force: true });
    return createDb(undefined, { dataDir: dir });
  }
  const { admin, name, url } = benchUrl(rows);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
  return createDb(url, { driver: 'postgres', migrate: true });
}

export interface ImportBenchResult {
  driver: DriverName;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** The process's peak resident memory over the import (file generation included), in MB. */
  peakRssMb: number;
  inserted: number;
  /** COPY of the same file into a plain table of the same database, right after the import. */
  copySeconds: number;
  copyRowsPerSecond: number;
}

/**
 * Imports a generated `rows`-row CSV into an empty database (dropped and created afresh), as
 * `pnpm cli import` does, and measures the rows per second of the import and the peak RSS; then
 * copies the same file into a plain table of that database with COPY, the yardstick of its rows/s.
 */
export async function benchImport(
  driver: DriverName,
  rows: number,
  onProgress?: (done: number) => void,
  batchSize?: number,
): Promise<ImportBenchResult> {
  mkdirSync('.bench-data', { recursive: true });
  const path = `.bench-data/import-${rows}.csv`;
  if (!existsSync(path)) await writeBenchCsv(path, rows);
  const handle = await openEmptyDb(driver, rows);
  try {
    const started = performance.now();
    const report = await runImport(handle.db, {
      path,
      fileName: `import-${rows}.csv`,
      mapping: benchMapping,
      timezone: 'UTC',
      originSystem: 'bench',
      ...(batchSize && { batchSize }),
      onProgress: (p) => onProgress?.(p.read),
    });
    const seconds = (performance.now() - started) / 1000;
    if (report.status !== 'completed') throw new Error(`the import failed: ${report.message}`);
    const [stored] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from leads`);
    if (stored?.n !== rows) throw new Error(`${stored?.n} leads stored, not ${rows}`);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const copySeconds = await copyReference(handle, rows, path);
    return {
      driver,
      rows,
      seconds,
      rowsPerSecond: rows / seconds,
      peakRssMb,
      inserted: report.inserted,
      copySeconds,
      copyRowsPerSecond: rows / copySeconds,
    };
  } finally {
    await handle.close();
  }
}

/**
 * `pnpm bench --import`: imports the generated file of each size into each database and prints one
 * BENCHMARKS.md table row per run. The peak RSS is the whole process's, so measure one size per run.
 */
export async function benchImports(drivers: DriverName[], sizes: number[]): Promise<void> {
  const lines = [
    '| database | rows | seconds | rows/s | COPY seconds | COPY rows/s | share of COPY | peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const count = (n: number) => Math.round(n).toLocaleString('en-US');
  for (const driver of drivers) {
    for (const size of sizes) {
      let shown = 0;
      const r = await benchImport(driver, size, (done) => {
        if (done - shown < size / 10) return;
        shown = done;
        console.error(`${driver} import ${done.toLocaleString('en-US')}/${size.toLocaleString('en-US')}`);
      });
      const share = `${((100 * r.rowsPerSecond) / r.copyRowsPerSecond).toFixed(1)}%`;
      const line = `| ${driver} | ${count(size)} | ${r.seconds.toFixed(1)} | ${count(r.rowsPerSecond)} | ${r.copySeconds.toFixed(2)} | ${count(r.copyRowsPerSecond)} | ${share} | ${Math.round(r.peakRssMb)} MB |`;
      console.error(line);
      lines.push(line);
    }
  }
  console.log(
    `Import of a generated CSV (${Object.keys(benchMapping).length} mapped columns) into an empty database, then COPY of the same file into a plain table of it, ${new Date().toISOString().slice(0, 10)}:\n\n${lines.join('\n')}`,
  );
}
