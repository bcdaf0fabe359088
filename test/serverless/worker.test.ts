import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { enqueueJob, readJob } from '@salesready/db/jobs/queue';
import { effectiveSalesReadyAt } from '@salesready/db/sales-ready-rule';
import { sql } from 'drizzle-orm';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitCsv } from '../helpers/export-files';
import { startSmtpServer } from '../helpers/mail-servers';
import { importInChunks } from './chunked-import';
import { executive, fixtureQuarter, serverlessDatabase, serverUnavailable } from './serverless-db';

const bundle = fileURLToPath(new URL('../../api/dist/worker/index.mjs', import.meta.url));
const wrangler = readFileSync(fileURLToPath(new URL('../../wrangler.toml', import.meta.url)), 'utf8');
const origin = 'https://salesready.example.com';

/** The runtime settings the deploy uses, read from wrangler.toml so the test runs what ships. */
function deployed() {
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(wrangler)?.[1];
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(wrangler)?.[1];
  const main = /^main\s*=\s*"([^"]+)"/m.exec(wrangler)?.[1];
  if (!date || flags === undefined || !main)
    throw new Error('wrangler.toml lacks main or compatibility settings');
  return { date, flags: [...flags.matchAll(/"([^"]+)"/g)].map((m) => defined(m[1])), main };
}

describe.skipIf(serverUnavailable)('the Cloudflare Worker, run in workerd', () => {
  let db: Awaited<ReturnType<typeof serverlessDatabase>>;
  let mf: Miniflare;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let cookie = '';

  // Answers come gzipped as a browser asks for them; decoded here as a browser would.
  const call = async (path: string, given: RequestInit = {}): Promise<Response> => {
    let init = given;
    // Miniflare's fetch is another undici than Node's, which does not know this FormData: it goes as
    // its encoded bytes, with the boundary a browser would send.
    if (init.body instanceof FormData) {
      const encoded = new Request(origin, { method: 'POST', body: init.body });
      init = {
        ...init,
        body: new Uint8Array(await encoded.arrayBuffer()),
        headers: {
          ...(init.headers as Record<string, string>),
          'content-type': defined(encoded.headers.get('content-type')),
        },
      };
    }
    const res = (await mf.dispatchFetch(`${origin}${path}`, {
      ...init,
      headers: { 'accept-encoding': 'gzip', ...(init.headers as Record<string, string>) },
    } as never)) as unknown as Response;
    const body =
      res.headers.get('content-encoding') === 'gzip' && res.body
        ? res.body.pipeThrough(new DecompressionStream('gzip'))
        : res.body;
    return new Response(body, { status: res.status, headers: res.headers });
  };

  beforeAll(async () => {
    db = await serverlessDatabase();
    smtp = await startSmtpServer();
    const settings = deployed();
    expect(settings.main).toBe('api/dist/worker/index.mjs');
    mf = new Miniflare({
      modules: true,
      scriptPath: bundle,
      modulesRoot: dirname(bundle),
      compatibilityDate: settings.date,
      compatibilityFlags: settings.flags,
      // The request's `cf` object from a placeholder: the test reaches no address off this machine.
      cf: false,
      bindings: {
        DATABASE_URL: db.url,
        NEON_LOCAL_PROXY: db.proxy,
        CRON_SECRET: 'test-cron-secret',
        PUBLIC_URL: origin,
        SMTP_URL: smtp.url,
        MAIL_FROM: 'SalesReady <reports@example.com>',
      },
    });
    await mf.ready;
  });

  afterAll(async () => {
    await mf?.dispose();
    await smtp?.close();
    await db?.close();
  });

  it('answers health through the Neon driver', async () => {
    const res = await call('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'neon' });
  });

  it('signs in (password hashing through node:crypto)', async () => {
    const res = await call('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(executive),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/; Secure/i);
    cookie = defined(setCookie.split(';')[0]);
  });

  it('reads the overview of the quarter', async () => {
    const res = await call(`/api/metrics/overview?quarter=${fixtureQuarter}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kpis: Record<string, { value: number }> };
    expect(defined(body.kpis.leads).value).toBe(8);
    expect(defined(body.kpis.salesReady).value).toBe(5);
    expect(defined(body.kpis.wonRevenue).value).toBe(1500);
  });

  it('streams a CSV export', async () => {
    const res = await call(`/api/exports/sources.csv?quarter=${fixtureQuarter}&view=period&about=omit`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const { rows } = await splitCsv(await res.text());
    const header = defined(rows[0]);
    const total = defined(rows.at(-1));
    expect(Number(total[header.indexOf('Leads')])).toBe(8);
    expect(Number(total[header.indexOf('SRLs')])).toBe(5);
  });

  it('writes an XLSX export', async () => {
    const res = await call(`/api/exports/sources.xlsx?quarter=${fixtureQuarter}&view=period`, {
      headers: { cookie },
    });
    expect(res.status, res.ok ? '' : await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(defined(bytes[0]), defined(bytes[1]))).toBe('PK');
  });

  it('prints the board pack with the fonts carried in the bundle', async () => {
    const res = await call(`/api/reports/board-pack.pdf?quarter=${fixtureQuarter}`, { headers: { cookie } });
    expect(res.status, res.ok ? '' : await res.clone().text()).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('DejaVuSansCondensed');
    // Every page the Node server prints: the same number of page objects.
    expect((bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(3);
  });

  it('runs a Cron Trigger through the app: the due jobs run in workerd', async () => {
    const direct = await createDb(db.url, { driver: 'postgres' });
    try {
      // A changed sales-ready rule waits for the tick: the fixture's 5 SRLs become every lead with any BANT.
      await direct.db.execute(
        sql`update settings set sales_ready_bant_threshold = 1, use_crm_sales_ready = false`,
      );
      const job = await enqueueJob(direct.db, { kind: 'sales-ready-rule', key: 'sales-ready-rule' });
      const worker = (await mf.getWorker()) as unknown as {
        scheduled: (options: { cron: string }) => Promise<{ outcome: string }>;
      };
      const result = await worker.scheduled({ cron: '*/5 * * * *' });
      expect(result.outcome).toBe('ok');
      expect(await readJob(direct.db, job.id)).toMatchObject({ status: 'done', slices: 1 });
      const [stale] = await selectRows<{ n: number }>(
        direct.db,
        sql`select count(*)::int as n from leads l, settings s where s.id = 1
          and l.sales_ready_at is distinct from (${effectiveSalesReadyAt})`,
      );
      expect(defined(stale).n).toBe(0);
      // The recurring alerts were scheduled by the tick.
      const [alerts] = await selectRows<{ n: number }>(
        direct.db,
        sql`select count(*)::int as n from jobs where key = 'schedule:alerts' and status = 'queued'`,
      );
      expect(defined(alerts).n).toBe(1);
    } finally {
      await direct.close();
    }
  });

  it('delivers a subscription by mail from workerd: the Cron Trigger sends it over SMTP', async () => {
    const created = await call('/api/subscriptions', {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'digest',
        name: 'Monday',
        recipients: ['ceo@example.com'],
        schedule: '0 7 * * 1',
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const run = await call(`/api/subscriptions/${id}/run`, { method: 'POST', headers: { cookie, origin } });
    expect(run.status, await run.clone().text()).toBe(202);
    expect(await run.json()).toMatchObject({ deliveries: 1 });
    const worker = (await mf.getWorker()) as unknown as {
      scheduled: (options: { cron: string }) => Promise<{ outcome: string }>;
    };
    expect((await worker.scheduled({ cron: '*/5 * * * *' })).outcome).toBe('ok');
    const runs = await call(`/api/subscriptions/${id}/runs`, { headers: { cookie } });
    const [latest] = ((await runs.json()) as { runs: { deliveries: unknown[] }[] }).runs;
    expect(defined(latest).deliveries, 'the delivery as recorded').toMatchObject([
      { channel: 'email', recipient: 'ceo@example.com', status: 'sent' },
    ]);
    const mail = smtp.received.find((m) => m.subject?.startsWith('SalesReady: Weekly digest'));
    expect(mail, `mails received: ${smtp.received.map((m) => m.subject).join(', ')}`).toBeDefined();
    expect(defined(mail).from?.text).toContain('reports@example.com');
    expect(defined(mail).text).toContain('WARM LEADS NOBODY IS WORKING');
    expect(defined(mail).text).toMatch(
      /Unsubscribe: https:\/\/salesready\.example\.com\/api\/subscriptions\/unsubscribe/,
    );
    expect(defined(mail).html).toContain(`${origin}/pacing`);
  });

  it('imports a CSV in chunks, each one short request, a bad row rejected alone', async () => {
    await importInChunks(call, origin);
  });

  it('never bundles PGlite or node-postgres', () => {
    const meta = JSON.parse(readFileSync(bundle.replace(/index\.mjs$/, 'meta.json'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((p) => p.endsWith('db/src/drivers/neon.ts'))).toBe(true);
    const absent =
      /node_modules\/(@electric-sql\/pglite|pg|pg-pool)\/|db\/src\/drivers\/(pglite|node-pg)\.ts$/;
    expect(inputs.filter((p) => absent.test(p))).toEqual([]);
  });
});
