import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, type DbHandle, type DriverName, selectRows } from '@salesready/db/client';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createApp } from '../app';
import { hashPassword } from '../auth/password';
import { progressBar } from './progress-bar';

// The demo's fixed "today", so benchmark databases can be reused between runs.
const benchNow = new Date('2026-11-23T12:00:00Z');
const benchmarksFile = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const endpoints = [
  '/api/metrics/overview',
  '/api/metrics/trend',
  '/api/metrics/sources?view=cohort',
  '/api/metrics/sources?view=period',
  '/api/metrics/funnel',
  '/api/metrics/cohorts',
  '/api/metrics/attribution',
  '/api/metrics/pacing',
  '/api/metrics/handoff',
  '/api/metrics/handoff/neglected',
];

const usage = `pnpm bench [--sizes 100000,1000000] [--drivers postgres,pglite] [--runs 20]
  Seeds demo databases of each size (reused when present) and prints p50/p95 per metrics endpoint.
  PostgreSQL: ${process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'} (BENCH_POSTGRES_URL)`;

async function openBenchDb(driver: DriverName, size: number): Promise<DbHandle> {
  if (driver === 'pglite') return createDb(undefined, { dataDir: `.bench-data/pglite-${size}` });
  const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sr_bench_${size}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return createDb(url.toString(), { driver: 'postgres', migrate: true });
}

async function ensureSeeded(handle: DbHandle, size: number): Promise<void> {
  const [row] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from leads`);
  if (row?.n === size) return;
  if ((row?.n ?? 0) > 0)
    throw new Error(`the ${handle.driver} bench database holds ${row?.n} leads, not ${size}: drop it`);
  const bar = progressBar(process.stderr);
  const started = Date.now();
  await seedDemo(handle.db, { now: benchNow, leads: size, onProgress: (d, t, p) => bar.update(p, d, t) });
  bar.done();
  console.error(
    `seeded ${size} leads on ${handle.driver} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  await handle.db.execute(sql`analyze`);
}

async function signIn(app: ReturnType<typeof createApp>, handle: DbHandle): Promise<string> {
  const email = 'bench@salesready.local';
  await handle.db.execute(sql`delete from users where email = ${email}`);
  await handle.db.execute(
    sql`insert into users (email, name, password_hash, role) values (${email}, 'Bench', ${await hashPassword('bench-password')}, 'admin')`,
  );
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench-password' }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

interface Row {
  driver: DriverName;
  size: number;
  endpoint: string;
  p50: number | null;
  p95: number | null;
  note: string;
}

async function benchEndpoints(driver: DriverName, size: number, runs: number): Promise<Row[]> {
  const handle = await openBenchDb(driver, size);
  try {
    await ensureSeeded(handle, size);
    const app = createApp({ db: handle.db, driver, version: 'bench', demo: false });
    const cookie = await signIn(app, handle);
    const rows: Row[] = [];
    for (const endpoint of endpoints) {
      const times: number[] = [];
      let note = '';
      for (let i = 0; i < runs + 2; i++) {
        const started = performance.now();
        const res = await app.request(endpoint, { headers: { cookie } });
        await res.arrayBuffer();
        if (res.status !== 200) {
          note = `HTTP ${res.status}`;
          break;
        }
        if (i >= 2) times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const row: Row = {
        driver,
        size,
        endpoint,
        p50: times.length ? percentile(times, 0.5) : null,
        p95: times.length ? percentile(times, 0.95) : null,
        note,
      };
      console.error(
        `${driver} ${size} ${endpoint} p50 ${row.p50?.toFixed(1)} ms p95 ${row.p95?.toFixed(1)} ms ${note}`,
      );
      rows.push(row);
    }
    return rows;
  } finally {
    await handle.close();
  }
}

function table(rows: Row[]): string {
  const target = (d: DriverName) => (d === 'pglite' ? 500 : 100);
  const lines = [
    '| database | leads | endpoint | p50 ms | p95 ms | target p95 | met |',
    '|---|---:|---|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const met = r.p95 === null ? r.note : r.p95 <= target(r.driver) ? 'yes' : 'no';
    lines.push(
      `| ${r.driver} | ${r.size.toLocaleString('en-US')} | \`${r.endpoint}\` | ${r.p50?.toFixed(1) ?? '–'} | ${r.p95?.toFixed(1) ?? '–'} | ${target(r.driver)} | ${met} |`,
    );
  }
  return lines.join('\n');
}

function writeSection(markdown: string): void {
  const begin = '<!-- bench:endpoints:begin -->';
  const end = '<!-- bench:endpoints:end -->';
  const block = `${begin}\n${markdown}\n${end}`;
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
  const next = current.includes(begin)
    ? current.replace(new RegExp(`${begin}[\\s\\S]*${end}`), block)
    : `${current.trimEnd()}\n\n## Dashboard endpoints\n${block}\n`;
  writeFileSync(benchmarksFile, next);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      drivers: { type: 'string', default: 'postgres,pglite' },
      runs: { type: 'string', default: '20' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(usage);
  const sizes = values.sizes.split(',').map(Number);
  const drivers = values.drivers.split(',') as DriverName[];
  const rows: Row[] = [];
  for (const driver of drivers)
    for (const size of sizes) rows.push(...(await benchEndpoints(driver, size, Number(values.runs))));
  const markdown = `Measured by \`pnpm bench --sizes ${values.sizes} --drivers ${values.drivers} --runs ${values.runs}\` on ${new Date().toISOString().slice(0, 10)}; demo data (about 10 touches per lead), the API called in-process (\`app.request\`), ${values.runs} runs after 2 warm-ups.\n\n${table(rows)}`;
  console.log(markdown);
  writeSection(markdown);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
