import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChunks, splitCsv } from '../helpers/export-files';
import { type Call, importInChunks } from './chunked-import';
import { executive, fixtureQuarter, serverlessDatabase, serverUnavailable } from './serverless-db';

type Handler = (request: Request) => Promise<Response>;
interface VercelModule {
  default: { fetch: Handler };
  GET: Handler;
  POST: Handler;
}

// The function as the deployment ships it: its folder in the Build Output layout.
const output = fileURLToPath(new URL('../../.vercel/output/', import.meta.url));
const bundle = `${output}functions/api.func/index.mjs`;
const origin = 'https://salesready.example.com';
const cronSecret = 'vercel-cron-secret-0123456789';

/** The first route of .vercel/output/config.json that answers a path (headers continue; files come first). */
function route(path: string, files: string[] = []) {
  const config = JSON.parse(readFileSync(`${output}config.json`, 'utf8')) as {
    routes: { src?: string; dest?: string; headers?: Record<string, string>; handle?: string }[];
  };
  const headers: Record<string, string> = {};
  let filesystem = false;
  for (const r of config.routes) {
    if (r.handle === 'filesystem') {
      filesystem = true;
      if (files.includes(path)) return { file: path, headers };
      continue;
    }
    if (!r.src || !new RegExp(r.src).test(path)) continue;
    if (r.headers) Object.assign(headers, r.headers);
    if (r.dest && filesystem) return { dest: r.dest, headers };
  }
  return { headers };
}

describe('the Vercel deployment layout', () => {
  it('sends every /api path to the one function, files first, and client routes to the web app', () => {
    expect(route('/api/metrics/overview').dest).toBe('/api');
    expect(route('/api').dest).toBe('/api');
    expect(route('/assets/index-3f9a.js', ['/assets/index-3f9a.js'])).toMatchObject({
      file: '/assets/index-3f9a.js',
      headers: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    expect(route('/leads/42').dest).toBe('/index.html');
    expect(route('/apiary').dest).toBe('/index.html');
  });

  it('runs the function on Node with a web handler', () => {
    const vc = JSON.parse(readFileSync(`${output}functions/api.func/.vc-config.json`, 'utf8'));
    expect(vc).toMatchObject({ runtime: 'nodejs20.x', handler: 'index.mjs', launcherType: 'Nodejs' });
  });
});

describe.skipIf(serverUnavailable)('the Vercel function, called as the Node runtime calls it', () => {
  let db: Awaited<ReturnType<typeof serverlessDatabase>>;
  let fn: VercelModule;
  let cookie = '';
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await serverlessDatabase();
    // The project's environment variables, as the platform sets them before loading the function.
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      DB_DRIVER: 'neon',
      NEON_LOCAL_PROXY: db.proxy,
      PUBLIC_URL: origin,
      CRON_SECRET: cronSecret,
    });
    fn = (await import(pathToFileURL(bundle).href)) as VercelModule;
  });

  afterAll(async () => {
    process.env = saved;
    await db?.close();
  });

  it('exports the shapes that receive a web Request: default { fetch } and one function per method', () => {
    expect(typeof fn.default).toBe('object');
    expect(typeof fn.default.fetch).toBe('function');
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const) {
      expect(typeof (fn as unknown as Record<string, unknown>)[method]).toBe('function');
    }
  });

  it('answers health through the Neon driver', async () => {
    const res = await fn.GET(new Request(`${origin}/api/health`));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'neon' });
  });

  it('signs in with a Secure session cookie', async () => {
    const res = await fn.POST(
      new Request(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify(executive),
      }),
    );
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/HttpOnly/i);
    cookie = defined(setCookie.split(';')[0]);
    expect((await fn.GET(new Request(`${origin}/api/metrics/overview`))).status).toBe(401);
  });

  it('reads the overview of the quarter', async () => {
    const res = await fn.default.fetch(
      new Request(`${origin}/api/metrics/overview?quarter=${fixtureQuarter}`, { headers: { cookie } }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.kpis.leads.value).toBe(8);
    expect(body.kpis.salesReady.value).toBe(5);
    expect(body.kpis.wonRevenue.value).toBe(1500);
  });

  it('reads the figures catalogue with the same values', async () => {
    const res = await fn.GET(
      new Request(`${origin}/api/figures?quarter=${fixtureQuarter}`, { headers: { cookie } }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { figures: { id: string; value: number | null }[] };
    const byId = new Map(body.figures.map((f) => [f.id, f.value]));
    expect(byId.get('leads')).toBe(8);
    expect(byId.get('srls')).toBe(5);
  });

  it('streams a CSV export', async () => {
    const res = await fn.GET(
      new Request(`${origin}/api/exports/sources.csv?quarter=${fixtureQuarter}&view=period&about=omit`, {
        headers: { cookie },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const { rows } = await splitCsv(new TextDecoder().decode((await readChunks(res)).bytes));
    const header = defined(rows[0]);
    const total = defined(rows.at(-1));
    expect(Number(total[header.indexOf('Leads')])).toBe(8);
    expect(Number(total[header.indexOf('SRLs')])).toBe(5);
  });

  it('writes an XLSX export from the chunk loaded on first use', async () => {
    const res = await fn.GET(
      new Request(`${origin}/api/exports/sources.xlsx?quarter=${fixtureQuarter}&view=period`, {
        headers: { cookie },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const { bytes } = await readChunks(res);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('prints the board pack with the fonts shipped in its folder', async () => {
    const res = await fn.GET(
      new Request(`${origin}/api/reports/board-pack.pdf?quarter=${fixtureQuarter}`, { headers: { cookie } }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { bytes } = await readChunks(res);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('DejaVuSansCondensed');
  });

  it('runs the due jobs when Vercel Cron calls the tick (GET with the bearer secret), and only then', async () => {
    const config = JSON.parse(readFileSync(`${output}config.json`, 'utf8')) as {
      crons?: { path: string; schedule: string }[];
    };
    expect(config.crons).toEqual([{ path: '/api/jobs/tick', schedule: '*/5 * * * *' }]);
    expect(route('/api/jobs/tick').dest).toBe('/api');
    const tick = (authorization?: string) =>
      fn.GET(
        new Request(`${origin}/api/jobs/tick`, {
          headers: { 'user-agent': 'vercel-cron/1.0', ...(authorization && { authorization }) },
        }),
      );
    expect((await tick()).status).toBe(401);
    expect((await tick('Bearer not-the-secret')).status).toBe(403);
    const res = await tick(`Bearer ${cronSecret}`);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { jobs: unknown[]; budgetMs: number; more: boolean };
    expect(report).toMatchObject({ budgetMs: 10_000, more: false });
    expect(Array.isArray(report.jobs)).toBe(true);
  });

  it('imports a CSV in chunks, each one short request, a bad row rejected alone', async () => {
    // Each request to the export for its method, as the platform routes it.
    const call: Call = (path, init = {}) =>
      defined((fn as unknown as Record<string, Handler>)[init.method ?? 'GET'])(
        new Request(`${origin}${path}`, init),
      );
    await importInChunks(call, origin);
  });

  it('refuses writes from another origin', async () => {
    const res = await fn.POST(
      new Request(`${origin}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, origin: 'https://elsewhere.example', 'content-type': 'text/plain' },
        body: '',
      }),
    );
    expect(res.status).toBe(403);
  });

  it('ships without PGlite (the Neon and node-postgres drivers only)', () => {
    const metafile = fileURLToPath(new URL('../../api/dist/vercel/meta.json', import.meta.url));
    const meta = JSON.parse(readFileSync(metafile, 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((p) => p.endsWith('db/src/drivers/neon.ts'))).toBe(true);
    expect(inputs.some((p) => p.endsWith('db/src/drivers/pglite.ts'))).toBe(false);
    expect(readFileSync(bundle, 'utf8')).not.toContain('@electric-sql/pglite');
  });
});
