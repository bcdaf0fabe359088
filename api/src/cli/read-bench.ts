import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { createDb, type DriverName } from '@salesready/db/client';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import pg from 'pg';
import { uploadInChunks } from './chunked-upload';
import { benchMapping, writeBenchCsv } from './import-bench';
import { startServer } from './server-process';

const benchmarksFile = fileURLToPath(new URL('../../../BENCHMARKS.md', import.meta.url));
const readPaths = ['/api/health', '/api/metrics/overview', '/api/metrics/sources?view=cohort'];

export interface ReadLoadResult {
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests answered in the worst one-second window. */
  slowestSecond: number;
}

/** `clients` loops, each reading the paths in turn until `stop` resolves; latencies in ms. */
async function readLoad(url: string, cookie: string, clients: number, stop: Promise<unknown>) {
  let running = true;
  void stop.then(() => {
    running = false;
  });
  const latencies: number[] = [];
  const finishedAt: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = client; running; i++) {
        const t0 = performance.now();
        try {
          const res = await fetch(`${url}${readPaths[i % readPaths.length]}`, { headers: { cookie } });
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        const t1 = performance.now();
        latencies.push(t1 - t0);
        finishedAt.push(t1 - started);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  // Whole one-second windows, sliding by 100 ms.
  finishedAt.sort((a, b) => a - b);
  let slowestSecond = Number.POSITIVE_INFINITY;
  for (let from = 0; from + 1000 <= seconds * 1000; from += 100) {
    let n = 0;
    for (const t of finishedAt) if (t >= from && t < from + 1000) n++;
    slowestSecond = Math.min(slowestSecond, n);
  }
  return {
    requests: latencies.length,
    errors,
    seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1] ?? 0,
    slowestSecond: Number.isFinite(slowestSecond) ? slowestSecond : latencies.length,
  } satisfies ReadLoadResult;
}

async function serverFor(driver: DriverName, baseLeads: number) {
  mkdirSync('.bench-data', { recursive: true });
  let url: string | undefined;
  let env: Record<string, string>;
  if (driver === 'pglite') {
    const dir = `${process.cwd()}/.bench-data/reads-pglite`;
    rmSync(dir, { recursive: true, force: true });
    env = { DATA_DIR: dir, SEED_DEMO: 'never' };
  } else {
    const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query('drop database if exists sr_bench_reads with (force)');
    await client.query('create database sr_bench_reads');
    await client.end();
    const u = new URL(admin);
    u.pathname = '/sr_bench_reads';
    url = u.toString();
    env = { DATABASE_URL: url };
  }
  // The demo data the dashboard reads while the import goes on.
  const handle = await createDb(url, { dataDir: env.DATA_DIR, migrate: true });
  await seedDemo(handle.db, { now: new Date(), leads: baseLeads });
  await handle.close();
  return startServer(env, 300_000);
}

/**
 * `pnpm bench --reads-during-import`: the real server on each database with demo data; `clients`
 * read /api/health, the overview and the sources table, alone for `seconds`, then during a chunked
 * import of a generated `rows`-row CSV. Writes its table to BENCHMARKS.md.
 */
export async function benchReadsDuringImport(
  drivers: DriverName[],
  rows: number,
  options: { clients: number; seconds: number; baseLeads: number; chunkBytes?: number },
): Promise<void> {
  mkdirSync('.bench-data', { recursive: true });
  const path = `.bench-data/import-${rows}.csv`;
  if (!existsSync(path)) await writeBenchCsv(path, rows);
  for (const driver of drivers) {
    const lines = [
      '| database | phase | chunk | reads | reads/s | p50 ms | p99 ms | max ms | slowest second (answers) | import rows/s |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ];
    const load = os.loadavg().map((l) => l.toFixed(1));
    console.error(`${driver}: seeding ${options.baseLeads} demo leads and starting the server…`);
    const server = await serverFor(driver, options.baseLeads);
    try {
      const setup = await fetch(`${server.url}/api/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'bench@example.com', password: 'a long bench password 42' }),
      });
      const cookie = setup.headers.get('set-cookie')?.split(';')[0];
      if (!cookie) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
      for (const p of readPaths) {
        const res = await fetch(`${server.url}${p}`, { headers: { cookie } });
        if (!res.ok) throw new Error(`${p}: ${res.status}`);
      }
      const alone = await readLoad(
        server.url,
        cookie,
        options.clients,
        new Promise((r) => setTimeout(r, options.seconds * 1000)),
      );
      console.error(`${driver} alone`, alone);
      let shown = 0;
      const started = performance.now();
      const upload = uploadInChunks({
        server: server.url,
        headers: { cookie },
        path,
        fileName: `reads-${rows}.csv`,
        fields: { mapping: JSON.stringify(benchMapping), timezone: 'UTC', originSystem: 'bench-import' },
        chunkBytes: options.chunkBytes,
        onProgress: (done, size) => {
          if (done - shown < size / 10 && done < size) return;
          shown = done;
          console.error(`${driver} import ${Math.round((done / size) * 100)}%`);
        },
      });
      const during = await readLoad(server.url, cookie, options.clients, upload);
      const { id } = await upload;
      const importSeconds = (performance.now() - started) / 1000;
      const state = (await (
        await fetch(`${server.url}/api/imports/${id}/chunks`, { headers: { cookie } })
      ).json()) as { chunkBytes: number; status: string };
      const report = (await (
        await fetch(`${server.url}/api/imports/${id}`, { headers: { cookie } })
      ).json()) as {
        read: number;
        inserted: number;
      };
      if (state.status !== 'completed' || report.inserted !== rows) {
        throw new Error(`the import ended ${state.status} with ${report.inserted} of ${rows} rows inserted`);
      }
      console.error(`${driver} during`, during, `${Math.round(rows / importSeconds)} rows/s`);
      const f = (n: number) => n.toFixed(1);
      const kb = `${Math.round(state.chunkBytes / 1024)} KB`;
      const row = (phase: string, r: ReadLoadResult, rate: string) =>
        `| ${driver} | ${phase} | ${phase === 'alone' ? '–' : kb} | ${r.requests.toLocaleString('en-US')}${r.errors ? ` (${r.errors} errors)` : ''} | ${f(r.requests / r.seconds)} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.max)} | ${r.slowestSecond} | ${rate} |`;
      lines.push(row('alone', alone, '–'));
      lines.push(
        row(
          `during a ${rows.toLocaleString('en-US')}-row chunked import`,
          during,
          Math.round(rows / importSeconds).toLocaleString('en-US'),
        ),
      );
    } finally {
      await server.stop();
    }
    const markdown = `### ${driver}

Measured by \`pnpm bench --reads-during-import --drivers ${driver} --sizes ${rows} --clients ${options.clients}\` on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, load average ${load.join(' / ')} at the start: the real Node server (\`startServer\`) on a database with ${options.baseLeads.toLocaleString('en-US')} demo leads; ${options.clients} clients each read \`/api/health\`, \`/api/metrics/overview\` and \`/api/metrics/sources?view=cohort\` in turn, first alone for ${options.seconds} s, then while \`pnpm cli import --server\`'s client sends a generated ${rows.toLocaleString('en-US')}-row CSV in chunks (the server's proposed chunk size). "Slowest second": the fewest answers in any one-second window.

${lines.join('\n')}
`;
    console.log(markdown);
    writeBlock(driver, markdown);
  }
}

/** One database's block in BENCHMARKS.md's "Reads during an import" section; the others' stay. */
function writeBlock(driver: string, markdown: string): void {
  const begin = `<!-- bench:reads-during-import:${driver} -->`;
  const end = `<!-- bench:reads-during-import:${driver}:end -->`;
  let current = readFileSync(benchmarksFile, 'utf8');
  if (!current.includes('## Reads during an import')) {
    current = `${current.trimEnd()}\n\n## Reads during an import\n`;
  }
  const block = `${begin}\n${markdown}${end}`;
  const next = current.includes(begin)
    ? current.replace(new RegExp(`${begin}[\\s\\S]*${end}`), () => block)
    : current.replace('## Reads during an import\n', () => `## Reads during an import\n${block}\n\n`);
  writeFileSync(benchmarksFile, next);
}
