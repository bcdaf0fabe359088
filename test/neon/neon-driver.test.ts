import { neonConfig } from '@neondatabase/serverless';
import { createApp } from '@salesready/api/app';
import { createDb, type DbHandle, pickDriver } from '@salesready/db/client';
import { overviewKpis } from '@salesready/db/queries/overview/overview-kpis';
import { leads } from '@salesready/db/schema/index';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import ws from 'ws';
import { addLeads } from '../helpers/factories';
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
      const count = async () => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(leads))[0]!.n;
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

    it('serves the API with health naming the driver', async () => {
      const app = createApp({ db: handle.db, driver: handle.driver, version: 'test', demo: false });
      const res = await app.request('/api/health');
      expect(await res.json()).toEqual({ status: 'ok', db: 'neon', version: 'test' });
    });
  },
);
