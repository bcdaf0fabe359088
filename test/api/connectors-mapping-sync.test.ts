import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hubspotToken, openHubspotMappingApp } from '../helpers/hubspot-mapping-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('connectors: the sync that follows the mapping', () => {
  let t: Awaited<ReturnType<typeof openHubspotMappingApp>>;
  const lead = async (externalId: string) => {
    const [row] = await selectRows<{
      source: string | null;
      stage: string | null;
      mqlAt: Date | string | null;
      crmSalesReadyAt: Date | string | null;
    }>(
      t.handle.db,
      sql`select s.name as source, l.stage, l.mql_at as "mqlAt", l.crm_sales_ready_at as "crmSalesReadyAt"
          from leads l left join sources s on s.id = l.source_id
          where l.origin_system = 'hubspot' and l.external_id = ${externalId}`,
    );
    const found = defined(row);
    return {
      ...found,
      mqlAt: found.mqlAt && new Date(found.mqlAt).toISOString(),
      crmSalesReadyAt: found.crmSalesReadyAt && new Date(found.crmSalesReadyAt).toISOString(),
    };
  };

  beforeAll(async () => {
    t = await openHubspotMappingApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('syncs with the mapping: a changed one changes the stored leads, and is audited', async () => {
    const { body: created } = await t.call('POST', '/api/connectors', {
      kind: 'hubspot',
      accessToken: hubspotToken,
    });
    const id = created.id;
    await t.tick();
    expect((await t.call('GET', `/api/connectors/${id}`)).body.lastRun).toMatchObject({
      read: 2,
      inserted: 2,
    });
    expect(t.account.asked.at(-1)).toContain('hs_analytics_source');
    expect(await lead('501')).toMatchObject({ source: 'Paid Search', stage: 'mql' });
    // A custom stage the mapping does not count leaves the contact a plain lead.
    expect(await lead('502')).toMatchObject({
      source: 'Organic Search',
      stage: 'lead',
      crmSalesReadyAt: null,
    });

    const mapping = {
      source: 'hs_latest_source',
      stages: {
        mql: ['marketingqualifiedlead'],
        salesReady: ['1234567', 'salesqualifiedlead'],
        opportunity: ['opportunity'],
      },
    };
    const saved = await t.call('PUT', `/api/connectors/${id}/mapping`, mapping);
    expect(saved.status).toBe(200);
    expect(saved.body.mapping).toEqual(mapping);
    expect((await t.call('GET', `/api/connectors/${id}/mapping`)).body.mapping).toEqual(mapping);
    const [entry] = await selectRows<{ details: string }>(
      t.handle.db,
      sql`select details from audit_log where action = 'connector.mapping' and target = ${`connector:${id}`}`,
    );
    expect(JSON.parse(defined(entry).details)).toMatchObject({
      before: { source: 'hs_analytics_source' },
      after: { source: 'hs_latest_source' },
    });

    // The next sync re-reads every contact (nothing changed in HubSpot) under the new mapping.
    expect((await t.call('POST', `/api/connectors/${id}/sync`)).status).toBe(202);
    await t.tick();
    expect((await t.call('GET', `/api/connectors/${id}`)).body.lastRun).toMatchObject({
      read: 2,
      updated: 2,
    });
    expect(t.account.asked.at(-1)).toEqual(
      expect.arrayContaining(['hs_latest_source', 'hs_v2_date_entered_1234567']),
    );
    expect(await lead('501')).toMatchObject({ source: 'Email Marketing', stage: 'mql' });
    expect(await lead('502')).toMatchObject({
      source: 'Organic Search',
      stage: 'sales_ready',
      mqlAt: '2025-10-04T09:00:00.000Z',
      crmSalesReadyAt: '2025-10-09T09:00:00.000Z',
    });
  });
});
