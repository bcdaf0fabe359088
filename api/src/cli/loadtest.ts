import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { defined } from '@salesready/db/defined';
import { migrationsFolder } from '@salesready/db/migrations-folder';
import autocannon from 'autocannon';
import pg from 'pg';
import { hashPassword } from '../auth/password';
import { hashToken, newToken } from '../auth/tokens';
import { startServer } from './server-process';

const defaultUrl = 'postgres://postgres@127.0.0.1:5432/sr_bench_1000000';
const user = { email: 'loadtest@salesready.local', password: 'loadtest-password' } as const;
// Every lead the run ingests carries this origin, and is deleted at the end.
const origin = 'loadtest';
const dashboard = [
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

const usage = `pnpm loadtest [--duration 30] [--connections 50] [--ingest-rate 8] [--ingest-batch 100]
               [--timeout 60] [--migrate]
  Starts the real Node server on 127.0.0.1 against DATABASE_URL (default ${defaultUrl}),
  then loads the dashboard endpoints (--connections, signed in) and the ingestion API (--ingest-rate
  requests a second of --ingest-batch leads, one API token, below its limit of 600 a minute) at once
  for --duration seconds, and prints a markdown table.
  The database is only added to: a user ${user.email} (kept for the next run), an API token, a session
  and audit entries; the leads ingested (origin_system '${origin}') and the token are deleted at the end.
  The server applies pending migrations on start: it refuses to unless --migrate is given.`;

interface Options {
  url: string;
  duration: number;
  connections: number;
  ingestRate: number;
  ingestBatch: number;
  timeout: number;
  migrate: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '30' },
      connections: { type: 'string', default: '50' },
      'ingest-rate': { type: 'string', default: '8' },
      'ingest-batch': { type: 'string', default: '100' },
      timeout: { type: 'string', default: '60' },
      migrate: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const whole = (name: string, value: string, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new Error(`--${name} must be a whole number from 1 to ${max}`);
    return n;
  };
  const url = process.env.DATABASE_URL || defaultUrl;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL');
  return {
    url,
    duration: whole('duration', values.duration, 3600),
    connections: whole('connections', values.connections, 1000),
    ingestRate: whole('ingest-rate', values['ingest-rate'], 10),
    ingestBatch: whole('ingest-batch', values['ingest-batch'], 5000),
    timeout: whole('timeout', values.timeout, 600),
    migrate: values.migrate,
  };
}

/** Migrations in the code that the database has not applied (drizzle applies those newer than its last). */
async function pendingMigrations(pool: pg.Pool): Promise<string[]> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string; when: number }[];
  };
  const { rows } = await pool.query<{ last: string | null }>(
    `select (select max(created_at) from drizzle.__drizzle_migrations)::text as last
     where to_regclass('drizzle.__drizzle_migrations') is not null`,
  );
  const last = Number(rows[0]?.last ?? 0);
  return journal.entries.filter((e) => e.when > last).map((e) => e.tag);
}

/** The load-test user (kept between runs) and a fresh API token; returns the token. */
async function prepare(pool: pg.Pool): Promise<{ token: string; tokenId: number }> {
  const { rows } = await pool.query<{ id: number }>(
    `insert into users (email, name, password_hash, role, active) values ($1, 'Load test', $2, 'executive', true)
     on conflict ((lower(email))) do update set password_hash = excluded.password_hash, active = true
     returning id`,
    [user.email, await hashPassword(user.password)],
  );
  const token = newToken('sri');
  const created = await pool.query<{ id: number }>(
    `insert into api_tokens (name, token_hash, prefix, created_by) values ('loadtest', $1, $2, $3) returning id`,
    [hashToken(token), token.slice(0, 12), defined(rows[0]).id],
  );
  return { token, tokenId: defined(created.rows[0]).id };
}

function leadBatch(run: string, request: number, size: number): string {
  const now = new Date();
  const leads = Array.from({ length: size }, (_, i) => ({
    externalId: `${run}-${request}-${i}`,
    originSystem: origin,
    createdAt: now.toISOString(),
    ...(i % 3 === 0 && { mqlAt: now.toISOString() }),
    budget: i % 2 === 0,
    need: true,
  }));
  return JSON.stringify({ leads });
}

const ms = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(0));
const count = (n: number) => n.toLocaleString('en-US');

function row(label: string, r: autocannon.Result, connections: string): string {
  return `| ${label} | ${connections} | ${count(r.requests.total)} | ${r.requests.average.toFixed(1)} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${count(r.errors)} (${count(r.timeouts)} timeouts) | ${count(r.non2xx)} |`;
}

function statusSummary(r: autocannon.Result): string {
  return Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}: ${count(s.count ?? 0)}`)
    .join(', ');
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  const pool = new pg.Pool({ connectionString: options.url, max: 2 });
  const dbName = new URL(options.url).pathname.slice(1);
  const pending = await pendingMigrations(pool);
  if (pending.length > 0 && !options.migrate) {
    console.error(
      `${dbName} has not applied ${pending.join(', ')}; the server would apply them on start.\n` +
        'Pass --migrate to let it, or point DATABASE_URL at a copy (createdb -T <database> <copy>).',
    );
    await pool.end();
    process.exit(2);
  }
  console.error(
    `starting the server on ${dbName}${pending.length ? ` (applying ${pending.join(', ')})` : ''}…`,
  );
  // The real server (`pnpm start`'s entry) on loopback, over the benchmark database as it is.
  const server = await startServer({ DATABASE_URL: options.url, SEED_DEMO: 'never' }, 15 * 60_000);
  let tokenId: number | null = null;
  let cookie = '';
  try {
    const [{ n: leadsBefore }] = (await pool.query<{ n: number }>('select count(*)::int as n from leads'))
      .rows as [{ n: number }];
    const prepared = await prepare(pool);
    tokenId = prepared.tokenId;
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
    cookie = defined((login.headers.get('set-cookie') ?? '').split(';')[0]);

    // One warm-up call each; an endpoint that does not answer 200 is left out and named.
    const paths: string[] = [];
    for (const path of dashboard) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status === 200) paths.push(path);
      else console.error(`left out ${path}: HTTP ${res.status}`);
    }

    const run = `lt${Date.now().toString(36)}`;
    let ingestRequest = 0;
    console.error(
      `loading ${paths.length} dashboard endpoints with ${options.connections} connections and ingesting ${options.ingestRate} × ${options.ingestBatch} leads a second, for ${options.duration} s…`,
    );
    const [dash, ingest] = await Promise.all([
      autocannon({
        url: server.url,
        connections: options.connections,
        duration: options.duration,
        timeout: options.timeout,
        headers: { cookie },
        requests: paths.map((path) => ({ method: 'GET' as const, path })),
      }),
      autocannon({
        url: `${server.url}/api/ingest/leads`,
        // One connection per request a second: each keeps up even when a write takes most of a second.
        connections: options.ingestRate,
        overallRate: options.ingestRate,
        duration: options.duration,
        timeout: options.timeout,
        method: 'POST',
        headers: { authorization: `Bearer ${prepared.token}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: leadBatch(run, ingestRequest++, options.ingestBatch),
            }),
          },
        ],
      }),
    ]);
    const ingested = Number(
      (
        await pool.query<{ n: number }>('select count(*)::int as n from leads where origin_system = $1', [
          origin,
        ])
      ).rows[0]?.n ?? 0,
    );

    const date = new Date().toISOString().slice(0, 10);
    console.log(
      [
        `Measured by \`pnpm loadtest --duration ${options.duration} --connections ${options.connections} --ingest-rate ${options.ingestRate} --ingest-batch ${options.ingestBatch}\` on ${date}: the Node server (\`api/src/entry/node.ts\`) on 127.0.0.1 over PostgreSQL \`${dbName}\` (${count(leadsBefore)} leads), Node ${process.version}, ${cpus().length} CPUs, load generator on the same machine. Dashboard and ingestion traffic at the same time.`,
        '',
        '| traffic | connections | requests | req/s | p50 ms | p99 ms | errors | non-2xx |',
        '|---|---:|---:|---:|---:|---:|---:|---:|',
        row(
          `dashboard: ${paths.length} metrics endpoints in turn, signed in`,
          dash,
          String(options.connections),
        ),
        row(
          `ingestion: ${options.ingestBatch} leads a request, ${options.ingestRate} requests/s on one token`,
          ingest,
          String(options.ingestRate),
        ),
        '',
        `Status codes: dashboard ${statusSummary(dash)}; ingestion ${statusSummary(ingest)}. Leads ingested: ${count(ingested)} (${(ingested / options.duration).toFixed(0)} a second), deleted afterwards.`,
      ].join('\n'),
    );
  } finally {
    const removed = await pool.query('delete from leads where origin_system = $1', [origin]);
    if (tokenId !== null) await pool.query('delete from api_tokens where id = $1', [tokenId]);
    if (cookie)
      await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie } }).catch(() => {});
    console.error(`cleaned up: ${count(removed.rowCount ?? 0)} load-test leads and the API token deleted`);
    await server.stop();
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(`loadtest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
