import { createHash } from 'node:crypto';
import { neonConfig } from '@neondatabase/serverless';
import { createApp } from '@salesready/api/app';
import { createDb, type DbHandle, pickDriver, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { leads, reportSnapshots } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ws from 'ws';
import { readChunks, readPdf } from '../helpers/export-files';
import { addLeads } from '../helpers/factories';
import { cookieFor } from '../helpers/pacing-session';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { seedQuarterFixture } from '../helpers/quarter-fixture';
import { startWsProxy } from '../helpers/ws-proxy';

const unavailable = inject('postgresTemplate') === null;

describe.skipIf(unavailable)(
  'the Neon serverless driver, through a WebSocket proxy to the PostgreSQL server',
  () => {
    let proxy: Awaited<ReturnType<typeof startWsProxy>>;
    let handle: DbHandle;
    const name = uniqueName('sr_neon');

    beforeAll(async () => {
      proxy = await startWsProxy();
      neonConfig.webSocketConstructor = ws;
      neonConfig.wsProxy = (host, port) => `127.0.0.1:${proxy.port}/v2?address=${host}:${port}`;
      neonConfig.useSecureWebSocket = false;
      neonConfig.pipelineTLS = false;
      // Pipelining the startup breaks SCRAM and trust handshakes against a plain server.
      neonConfig.pipelineConnect = false;
      await withAdmin((c) => c.query(`create database ${name}`));
      // Migrations run through the Neon driver itself, as a deploy would.
      handle = await createDb(databaseUrl(name), { driver: 'neon', migrate: true });
    });

    afterAll(async () => {
      await handle?.close();
      await proxy?.close();
      await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    });

    it('is chosen for Neon hosts', () => {
      expect(pickDriver('postgres://u:p@ep-cool-river-123.eu-central-1.aws.neon.tech/db')).toBe('neon');
      expect(pickDriver('postgres://u@127.0.0.1/db')).toBe('postgres');
      expect(pickDriver(undefined)).toBe('pglite');
      expect(handle.driver).toBe('neon');
    });

    it('runs its connections with JIT compilation and parallel workers off', async () => {
      const [row] = await selectRows<{ jit: string; workers: string }>(
        handle.db,
        sql`select current_setting('jit') as jit, current_setting('max_parallel_workers_per_gather') as workers`,
      );
      expect(row).toEqual({ jit: 'off', workers: '0' });
    });

    it('computes the same overview figures as the other drivers', async () => {
      await seedQuarterFixture(handle.db);
      expect(
        await overviewKpis(handle.db, { from: '2025-02-01', to: '2025-05-01', timezone: 'America/New_York' }),
      ).toEqual({
        leads: 8,
        salesReady: 5,
        salesReadyRate: 0.5,
        medianDaysToSalesReady: 7,
        wonRevenue: 1500,
      });
    });

    it('runs interactive transactions and rolls them back whole', async () => {
      const count = async () =>
        defined((await handle.db.select({ n: sql<number>`count(*)::int` }).from(leads))[0]).n;
      const before = await count();
      await expect(
        handle.db.transaction(async (tx) => {
          await addLeads(tx as unknown as typeof handle.db, [
            { externalId: 'tx-1', createdAt: '2025-03-01T00:00:00Z' },
          ]);
          throw new Error('abort the batch');
        }),
      ).rejects.toThrow('abort the batch');
      expect(await count()).toBe(before);
    });

    it('freezes, prints, restates and shares a board pack through the Neon driver', async () => {
      // The overview test above seeded the quarter fixture: fiscal 2026-Q1 (Feb–Apr 2025) is closed.
      const quarter = '2026-Q1';
      const app = createApp({ db: handle.db, driver: handle.driver, version: 'test', demo: false });
      const t = { app, handle, close: async () => {} };
      const executive = await cookieFor(t, 'executive');
      const get = (path: string) => app.request(path, { headers: { cookie: executive } });
      const admin = await cookieFor(t, 'admin');
      const frozen = await app.request(`/api/reports/freeze?quarter=${quarter}`, {
        method: 'POST',
        headers: { cookie: admin, origin: 'http://localhost' },
      });
      expect(frozen.status).toBe(200);

      const pdf = await get(`/api/reports/board-pack.pdf?quarter=${quarter}`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      const printed = await readPdf((await readChunks(pdf)).bytes);
      expect(printed.text.join(' ')).toContain('Leads 8');
      const [snapshot] = await handle.db
        .select()
        .from(reportSnapshots)
        .where(eq(reportSnapshots.quarter, quarter));
      expect(defined(snapshot).hash).toBe(
        createHash('sha256').update(defined(snapshot).figures).digest('hex'),
      );
      expect(JSON.parse(defined(snapshot).figures).kpis.salesReady.value).toBe(5);

      const restatement = await (await get(`/api/reports/restatement?quarter=${quarter}`)).json();
      expect(restatement).toMatchObject({
        state: 'closed',
        frozen: { hash: defined(snapshot).hash },
        rows: [],
      });

      const created = await app.request('/api/reports/share-links', {
        method: 'POST',
        headers: { cookie: executive, origin: 'http://localhost', 'content-type': 'application/json' },
        body: JSON.stringify({ quarter, days: 7, label: 'Neon' }),
      });
      expect(created.status).toBe(201);
      const { token } = await created.json();
      const shared = await app.request(`/api/share/${token}`);
      expect(shared.status).toBe(200);
      const view = await shared.json();
      expect(view.kpis.leads.value).toBe(8);
      expect(view.kpis.salesReady.value).toBe(5);
      expect((await app.request('/api/share/srl_forged')).status).toBe(404);
    });

    it('serves the API with health naming the driver', async () => {
      const app = createApp({ db: handle.db, driver: handle.driver, version: 'test', demo: false });
      const res = await app.request('/api/health');
      expect(await res.json()).toEqual({ status: 'ok', db: 'neon', version: 'test' });
    });
  },
);
