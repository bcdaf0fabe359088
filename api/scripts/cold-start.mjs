// Measures each entry's cold start on the PostgreSQL server: a new process (or workerd) loads the
// bundle and answers its first request, /api/health, which opens the first database connection.
// Usage: node scripts/cold-start.mjs [--runs N] [--write]  (after `pnpm build` and vercel-output.mjs)
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import pg from 'pg';
import { WebSocketServer } from 'ws';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 7;
const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const bundles = {
  node: join(repo, 'api/dist/node/index.mjs'),
  vercel: join(repo, '.vercel/output/functions/api.func/index.mjs'),
  worker: join(repo, 'api/dist/worker/index.mjs'),
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => x.toFixed(0);

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Neon's WebSocket-to-TCP proxy, in front of the local server. */
async function wsProxy() {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    const [host, port] = (new URL(request.url, 'http://x').searchParams.get('address') ?? '').split(':');
    const tcp = connect(Number(port), host);
    tcp.on('data', (chunk) => socket.send(chunk));
    tcp.on('close', () => socket.close());
    tcp.on('error', () => socket.close());
    socket.on('message', (data) => tcp.write(data));
    socket.on('close', () => tcp.end());
  });
  await new Promise((resolve) => server.on('listening', resolve));
  return {
    address: `127.0.0.1:${server.address().port}`,
    close: () => {
      for (const c of server.clients) c.terminate();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** User + system CPU a process has used so far, in ms (Linux). */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Spawn to first answer of the self-hosted server. */
async function nodeRun(databaseUrl, port) {
  const started = performance.now();
  const child = spawn(process.execPath, [bundles.node], {
    cwd: join(repo, 'api'),
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) return { total: performance.now() - started, cpu: cpuOf(child.pid) };
      } catch {}
      if (performance.now() - started > 30_000) throw new Error('the Node server did not answer in 30 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
}

/** A new Node process imports the function and answers one request, as a new Vercel instance does. */
function vercelRun(databaseUrl, proxy) {
  const script = `
    const t0 = performance.now();
    const fn = await import(${JSON.stringify(`file://${bundles.vercel}`)});
    const t1 = performance.now();
    const res = await fn.GET(new Request('https://salesready.example.com/api/health'));
    if (!res.ok) throw new Error('health answered ' + res.status);
    await res.text();
    const cpu = process.cpuUsage();
    console.log(JSON.stringify({ load: t1 - t0, total: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 }));
    process.exit(0);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, DATABASE_URL: databaseUrl, DB_DRIVER: 'neon', NEON_LOCAL_PROXY: proxy },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}`))));
  });
}

/** workerd starts, loads the Worker and answers one request. */
async function workerRun(databaseUrl, proxy, settings) {
  const t0 = performance.now();
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundles.worker,
    modulesRoot: dirname(bundles.worker),
    compatibilityDate: settings.date,
    compatibilityFlags: settings.flags,
    cf: false,
    bindings: { DATABASE_URL: databaseUrl, NEON_LOCAL_PROXY: proxy },
  });
  try {
    await mf.ready;
    const t1 = performance.now();
    const res = await mf.dispatchFetch('https://salesready.example.com/api/health');
    if (!res.ok) throw new Error(`health answered ${res.status}`);
    await res.text();
    return { load: t1 - t0, total: performance.now() - t0 };
  } finally {
    await mf.dispose();
  }
}

function wranglerSettings() {
  const toml = readFileSync(join(repo, 'wrangler.toml'), 'utf8');
  return {
    date: /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)[1],
    flags: [.../^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)[1].matchAll(/"([^"]+)"/g)].map(
      (m) => m[1],
    ),
  };
}

const name = `sr_coldstart_${process.pid}`;
await admin(`create database ${name}`);
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${name}`;
const proxy = await wsProxy();
const results = {};
try {
  // The first start migrates the empty database; the measured starts find it migrated.
  await nodeRun(databaseUrl.href, 3931);
  const measure = async (label, run) => {
    const samples = [];
    await run(); // warms the disk cache, as a platform's image cache is warm
    for (let i = 0; i < runs; i++) samples.push(await run());
    const of = (key) => (samples[0][key] === undefined ? undefined : median(samples.map((s) => s[key])));
    results[label] = { load: of('load'), total: of('total'), cpu: of('cpu') };
  };
  await measure('node', () => nodeRun(databaseUrl.href, 3931));
  await measure('vercel', () => vercelRun(databaseUrl.href, proxy.address));
  const settings = wranglerSettings();
  await measure('worker', () => workerRun(databaseUrl.href, proxy.address, settings));
} finally {
  await proxy.close();
  await admin(`drop database if exists ${name} with (force)`);
}

const size = (file) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length / 1024, gzip: gzipSync(bytes).length / 1024 };
};
const what = {
  node: [
    '`pnpm start` (api/dist/node/index.mjs)',
    'spawn to first answer (node-postgres)',
    'third-party packages stay in node_modules',
  ],
  vercel: [
    'Vercel function (.vercel/output/functions/api.func)',
    'import + first answer (Neon driver)',
    'self-contained',
  ],
  worker: [
    'Cloudflare Worker (api/dist/worker/index.mjs)',
    'workerd start + load, then first answer (Neon driver)',
    'self-contained, minified',
  ],
};
const date = new Date().toISOString().slice(0, 10);
const lines = [
  `Measured by \`pnpm bench:cold-start\` on ${date}, 2 cores (load average ${os.loadavg()[0].toFixed(1)} while measuring), PostgreSQL 15 on this machine (the Neon driver through a local WebSocket proxy), median of ${runs} runs after one warm-up. The first request is \`/api/health\`, which opens the first database connection. Target: under 300 ms (PRODUCT.md). "CPU ms" is the process's own user + system time up to its first answer (whole process, Node's start included), which a busy machine inflates far less than the wall clock.`,
  '',
  '| entry | measured | load ms | load + first answer ms | met | CPU ms | bundle KiB | gzip KiB | bundle |',
  '|---|---|---:|---:|---|---:|---:|---:|---|',
  ...Object.entries(results).map(([entry, r]) => {
    const s = size(bundles[entry]);
    const [label, measured, note] = what[entry];
    return `| ${label} | ${measured} | ${r.load === undefined ? '–' : ms(r.load)} | ${ms(r.total)} | ${r.total < 300 ? 'yes' : 'no'} | ${r.cpu === undefined ? '–' : ms(r.cpu)} | ${ms(s.raw)} | ${ms(s.gzip)} | ${note} |`;
  }),
];
const section = lines.join('\n');
console.log(section);
if (args.includes('--write')) {
  const file = join(repo, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const begin = '<!-- cold-start:begin -->';
  const end = '<!-- cold-start:end -->';
  const block = `${begin}\n${section}\n${end}`;
  writeFileSync(
    file,
    text.includes(begin)
      ? text.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), block)
      : `${text.trimEnd()}\n\n## Cold start and bundle sizes\n${block}\n`,
  );
}
