import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChunks, splitCsv } from '../helpers/export-files';
import { executive, fixtureQuarter, serverlessDatabase, serverUnavailable } from './serverless-db';

type Handler = (request: Request) => Promise<Response>;
interface VercelModule {
  default: { fetch: Handler };
  GET: Handler;
  POST: Handler;
}

const bundle = fileURLToPath(new URL('../../api/dist/vercel/index.mjs', import.meta.url));
const origin = 'https://salesready.example.com';

describe.skipIf(serverUnavailable)('the Vercel function, called as the Node runtime calls it', () => {
  let db: Awaited<ReturnType<typeof serverlessDatabase>>;
  let fn: VercelModule;
  let cookie = '';
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await serverlessDatabase();
    // The project's environment variables, as the platform sets them before loading the function.
    Object.assign(process.env, { DATABASE_URL: db.url, DB_DRIVER: 'neon', NEON_LOCAL_PROXY: db.proxy });
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
    cookie = setCookie.split(';')[0]!;
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
    const header = rows[0]!;
    const total = rows.at(-1)!;
    expect(Number(total[header.indexOf('Leads')])).toBe(8);
    expect(Number(total[header.indexOf('SRLs')])).toBe(5);
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
    const meta = JSON.parse(readFileSync(bundle.replace(/index\.mjs$/, 'meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((p) => p.endsWith('db/src/drivers/neon.ts'))).toBe(true);
    expect(inputs.some((p) => p.endsWith('db/src/drivers/pglite.ts'))).toBe(false);
    expect(readFileSync(bundle, 'utf8')).not.toContain('@electric-sql/pglite');
  });
});
