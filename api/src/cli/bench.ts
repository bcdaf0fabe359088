import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Database, DriverName } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { quarterOfDate, shiftQuarter, todayIn } from '@salesready/db/periods';
import { marketingContribution } from '@salesready/db/queries/attribution/marketing-contribution';
import { revenueAttribution } from '@salesready/db/queries/attribution/revenue-attribution';
import { splitRange } from '@salesready/db/queries/buckets';
import { cohortConversion } from '@salesready/db/queries/cohorts/cohort-conversion';
import { funnelReport } from '@salesready/db/queries/funnel/funnel-report';
import { overviewDetails } from '@salesready/db/queries/overview/overview-details';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { firstLeadDate, pacingWindow } from '@salesready/db/queries/pacing/pacing-window';
import { quarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { sourceReport } from '@salesready/db/queries/sources/source-report';
import { trendPoints } from '@salesready/db/queries/trend/trend-series';
import type { FigureOptions } from '@salesready/db/rollups/rollups';
import { readSettings } from '@salesready/db/settings';
import { sql } from 'drizzle-orm';
import { createApp } from '../app';
import { withComparisons } from '../figures/comparisons';
import { filterFor, resolveMetricsQuery } from '../figures/period-query';
import { ensureSeeded, openBenchDb, percentile, signIn, vacuum } from './bench-db';
import { benchImports } from './import-bench';
import { benchIngestStream } from './ingest-stream-bench';
import { benchReadsDuringImport } from './read-bench';
import { benchWeb } from './web-bench';

const benchmarksFile = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const endpoints = [
  '/api/metrics/overview',
  '/api/metrics/trend',
  '/api/metrics/sources?view=cohort',
  '/api/metrics/sources?view=period',
  '/api/metrics/funnel',
  // Its anomalies and medians read the leads of the range (docs/decisions/0006).
  '/api/metrics/funnel?view=period',
  // A segment is not kept in the rollups: the figures read the raw rows.
  '/api/metrics/overview?segment=SMB',
  '/api/metrics/cohorts',
  '/api/metrics/attribution',
  '/api/metrics/pacing',
  '/api/metrics/alerts',
  '/api/metrics/handoff',
  '/api/metrics/handoff/neglected',
];

/*
 * The same figures as each endpoint, from plain SQL on the raw leads and touches: the figure queries
 * with `rollups: false` (one hand-written statement per figure, grouping the raw rows, through the same
 * indexes; tested equal to the rollups in test/db/rollups-*.test.ts), called as the route calls them.
 */
const raw: FigureOptions = { rollups: false };
const plainSql: Record<string, (db: Database) => Promise<unknown>> = {
  '/api/metrics/overview': async (db) => {
    const { periods } = await resolveMetricsQuery(db, {});
    return Promise.all([
      withComparisons(db, periods, (d, f) => overviewKpis(d, f, raw)),
      withComparisons(db, periods, (d, f) => overviewDetails(d, f, raw)),
    ]);
  },
  '/api/metrics/trend': async (db) => {
    const { periods, filter } = await resolveMetricsQuery(db, {});
    return trendPoints(db, filter, splitRange(periods.current, 'week', periods.fiscalYearStartMonth), raw);
  },
  '/api/metrics/sources?view=cohort': async (db) =>
    sourceReport(db, (await resolveMetricsQuery(db, {})).filter, 'cohort', raw),
  '/api/metrics/sources?view=period': async (db) =>
    sourceReport(db, (await resolveMetricsQuery(db, {})).filter, 'period', raw),
  '/api/metrics/funnel': async (db) =>
    funnelReport(db, (await resolveMetricsQuery(db, {})).filter, 'cohort', raw),
  '/api/metrics/cohorts': async (db) => {
    const { periods } = await resolveMetricsQuery(db, {});
    const first = shiftQuarter(periods.current.label, -7, periods.fiscalYearStartMonth);
    const range = { label: '', from: first.from, to: periods.current.to };
    return cohortConversion(
      db,
      filterFor(range, periods.timezone),
      splitRange(range, 'quarter', periods.fiscalYearStartMonth),
      new Date(),
      raw,
    );
  },
  '/api/metrics/attribution': async (db) => {
    const { filter } = await resolveMetricsQuery(db, {});
    return Promise.all([marketingContribution(db, filter, raw), revenueAttribution(db, filter, raw)]);
  },
  // As the route: this quarter as of today, company-wide.
  '/api/metrics/pacing': async (db) => {
    const settings = await readSettings(db);
    const today = todayIn(settings.timezone, new Date());
    const w = pacingWindow({
      quarter: quarterOfDate(today, settings.fiscalYearStartMonth).label,
      asOf: today,
      timezone: settings.timezone,
      fiscalYearStartMonth: settings.fiscalYearStartMonth,
      firstDataDate: await firstLeadDate(db, settings.timezone),
    });
    return quarterPacing(db, w, { from: w.quarter.from, to: w.quarter.to, timezone: settings.timezone }, raw);
  },
};

// PRODUCT.md's yardstick: one plain query grouping every lead by quarter and source, with a median.
const yardstick = sql`
  select date_trunc('quarter', l.created_at) as quarter, l.source_id, count(*) as leads,
         count(l.sales_ready_at) as sales_ready,
         percentile_cont(0.5) within group (order by extract(epoch from (l.sales_ready_at - l.created_at)) / 86400.0)
           filter (where l.sales_ready_at >= l.created_at) as median_days_to_sales_ready
  from leads l group by 1, 2`;

const usage = `pnpm bench [--sizes 100000,1000000] [--drivers postgres,pglite] [--runs 20]
  Seeds demo databases of each size (reused when present) and prints p50/p95 per metrics endpoint, next to
  the same figures from plain SQL on the raw rows (no rollups).
  --import: instead, imports a generated CSV of each size into an empty database of each driver and
  prints rows/s and peak RSS (one size per run: the peak is the process's).
  --web: instead, the web app's gzipped download and the overview's time to data in Chromium, cold
  loads against the real server on the embedded database with the demo data (needs \`pnpm build\`).
  --reads-during-import [--clients 15] [--seconds 20] [--chunk-bytes N]: instead, a read load (health,
  overview, sources) against the real server with 50,000 demo leads, alone and then during a chunked
  import of a generated CSV of --sizes rows (default 200000); p50/p99, slowest second and rows/s.
  --ingest-stream [--seconds 60] [--clients 4] [--batch 100]: instead, the dashboard's read mix while one
  batch of touches a second arrives through the ingestion API, with one data version for every table and
  with one per table, side by side (default size 1000000); kept share and p50/p95 per endpoint.
  PostgreSQL: ${process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'} (BENCH_POSTGRES_URL)`;

interface Timing {
  p50: number | null;
  p95: number | null;
  note: string;
}

interface Row extends Timing {
  driver: DriverName;
  size: number;
  endpoint: string;
  /** The same calls each just after a write, so each computes its answer (none kept). */
  computed: Timing | null;
  plain: Timing | null;
}

/**
 * p50 and p95 of `runs` calls after 2 warm-ups; a call returning false stops with `note`. `before`
 * runs ahead of each call, untimed.
 */
async function time(
  runs: number,
  call: () => Promise<string | null>,
  before?: () => Promise<unknown>,
): Promise<Timing> {
  const times: number[] = [];
  let note = '';
  for (let i = 0; i < runs + 2; i++) {
    await before?.();
    const started = performance.now();
    const failure = await call();
    if (failure) {
      note = failure;
      break;
    }
    if (i >= 2) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    p50: times.length ? percentile(times, 0.5) : null,
    p95: times.length ? percentile(times, 0.95) : null,
    note,
  };
}

const ms = (t: Timing | null) => `p50 ${t?.p50?.toFixed(1) ?? '–'} ms p95 ${t?.p95?.toFixed(1) ?? '–'} ms`;

async function benchEndpoints(driver: DriverName, size: number, runs: number): Promise<Row[]> {
  const handle = await openBenchDb(driver, size);
  try {
    await ensureSeeded(handle, size);
    await vacuum(handle);
    const app = createApp({ db: handle.db, driver, version: 'bench', demo: false });
    const cookie = await signIn(app, handle);
    const rows: Row[] = [];
    for (const endpoint of endpoints) {
      const call = async () => {
        const res = await app.request(endpoint, { headers: { cookie } });
        await res.arrayBuffer();
        return res.status === 200 ? null : `HTTP ${res.status}`;
      };
      // A write (any write the figures can see) changes the data version: no kept answer is valid.
      const computed = await time(runs, call, () =>
        handle.db.execute(sql`update data_versions set version = version + 1`),
      );
      const timing = await time(runs, call);
      const query = plainSql[endpoint];
      const plain = query
        ? await time(runs, async () => {
            await query(handle.db);
            return null;
          })
        : null;
      const row: Row = { driver, size, endpoint, ...timing, computed, plain };
      console.error(
        `${driver} ${size} ${endpoint} computed ${ms(computed)} | kept ${ms(row)} ${row.note} | plain SQL ${ms(plain)}`,
      );
      rows.push(row);
    }
    const reference = await time(Math.min(runs, 5), async () => {
      await handle.db.execute(yardstick);
      return null;
    });
    console.error(
      `${driver} ${size} one query grouping every lead by quarter and source with a median ${ms(reference)}`,
    );
    rows.push({ driver, size, endpoint: 'yardstick', ...reference, computed: null, plain: null });
    return rows;
  } finally {
    await handle.close();
  }
}

function table(rows: Row[]): string {
  const target = (d: DriverName) => (d === 'pglite' ? 500 : 100);
  const f = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(1));
  const lines = [
    '| database | leads | endpoint | computed p50 ms | computed p95 ms | met | kept p50 ms | kept p95 ms | met | target p95 | plain SQL p50 ms | plain SQL p95 ms |',
    '|---|---:|---|---:|---:|---|---:|---:|---|---:|---:|---:|',
  ];
  for (const r of rows.filter((row) => row.endpoint !== 'yardstick')) {
    const met = (t: Timing | null) =>
      t?.p95 === null || t?.p95 === undefined ? (t?.note ?? '–') : t.p95 <= target(r.driver) ? 'yes' : 'no';
    lines.push(
      `| ${r.driver} | ${r.size.toLocaleString('en-US')} | \`${r.endpoint}\` | ${f(r.computed?.p50)} | ${f(r.computed?.p95)} | ${met(r.computed)} | ${f(r.p50)} | ${f(r.p95)} | ${met(r)} | ${target(r.driver)} | ${f(r.plain?.p50)} | ${f(r.plain?.p95)} |`,
    );
  }
  const yardsticks = rows.filter((row) => row.endpoint === 'yardstick');
  if (yardsticks.length) {
    lines.push(
      '',
      "One plain query grouping every lead by quarter and source, with a median (PRODUCT.md's yardstick):",
      '',
    );
    for (const r of yardsticks)
      lines.push(
        `- ${r.driver}, ${r.size.toLocaleString('en-US')} leads: p50 ${f(r.p50)} ms, p95 ${f(r.p95)} ms`,
      );
  }
  return lines.join('\n');
}

/**
 * Writes one run's block (a database and a size) into BENCHMARKS.md's endpoints section, keeping the
 * blocks of the other databases and sizes, so each can be measured on its own.
 */
function writeSection(key: string, markdown: string): void {
  const begin = '<!-- bench:endpoints:begin -->';
  const end = '<!-- bench:endpoints:end -->';
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : '# Benchmarks\n';
  const at = current.indexOf(begin);
  const inner = at >= 0 ? current.slice(at + begin.length, current.indexOf(end)) : '';
  const blocks = new Map<string, string>();
  for (const m of inner.matchAll(/<!-- bench:run:([\w-]+) -->\n([\s\S]*?)<!-- bench:run:end -->/g))
    blocks.set(defined(m[1]), defined(m[2]));
  blocks.set(key, `${markdown}\n`);
  // PostgreSQL first, then by size.
  const order = (key: string) => [key.startsWith('postgres') ? 0 : 1, Number(key.split('-')[1])] as const;
  const body = [...blocks]
    .sort(([a], [b]) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1])
    .map(([k, v]) => `<!-- bench:run:${k} -->\n${v}<!-- bench:run:end -->`)
    .join('\n\n');
  const block = `${begin}\n${body}\n${end}`;
  const next =
    at >= 0
      ? current.replace(new RegExp(`${begin}[\\s\\S]*${end}`), () => block)
      : `${current.trimEnd()}\n\n## Dashboard endpoints\n${block}\n`;
  writeFileSync(benchmarksFile, next);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100000,1000000' },
      drivers: { type: 'string', default: 'postgres,pglite' },
      runs: { type: 'string', default: '20' },
      import: { type: 'boolean', default: false },
      web: { type: 'boolean', default: false },
      'reads-during-import': { type: 'boolean', default: false },
      'ingest-stream': { type: 'boolean', default: false },
      batch: { type: 'string', default: '100' },
      clients: { type: 'string', default: '15' },
      seconds: { type: 'string', default: '20' },
      'chunk-bytes': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(usage);
  const sizes = values.sizes.split(',').map(Number);
  const drivers = values.drivers.split(',') as DriverName[];
  if (values.import) return benchImports(drivers, sizes);
  if (values.web) return benchWeb(Number(values.runs));
  if (values['ingest-stream']) {
    console.log(
      await benchIngestStream(drivers, process.argv.includes('--sizes') ? defined(sizes[0]) : 1_000_000, {
        seconds: process.argv.includes('--seconds') ? Number(values.seconds) : 60,
        clients: process.argv.includes('--clients') ? Number(values.clients) : 4,
        batch: Number(values.batch),
      }),
    );
    return;
  }
  if (values['reads-during-import']) {
    return benchReadsDuringImport(drivers, process.argv.includes('--sizes') ? defined(sizes[0]) : 200_000, {
      clients: Number(values.clients),
      seconds: Number(values.seconds),
      baseLeads: 50_000,
      ...(values['chunk-bytes'] && { chunkBytes: Number(values['chunk-bytes']) }),
    });
  }
  for (const driver of drivers) {
    for (const size of sizes) {
      const rows = await benchEndpoints(driver, size, Number(values.runs));
      const markdown = `### ${driver}, ${size.toLocaleString('en-US')} leads

Measured by \`pnpm bench --sizes ${size} --drivers ${driver} --runs ${values.runs}\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores: demo data (about 10 touches per lead), the API called in-process (\`app.request\`), ${values.runs} runs after 2 warm-ups, after \`vacuum (analyze)\`. "Computed": each call just after a write, so it computes its answer from the rollups; "kept": the same calls repeated with no write between them, answered from the figure cache where the route keeps answers (docs/decisions/0011; not the hand-off and cohorts, whose answers depend on the time of day, nor the alerts, which keep only their pacing part). "Plain SQL" is the same figures from the raw leads and touches without the rollups: the figure queries with \`rollups: false\` (one hand-written statement per figure grouping the raw rows, through the same indexes), called as the route calls them, without HTTP.

${table(rows)}`;
      console.log(markdown);
      writeSection(`${driver}-${size}`, markdown);
    }
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
