import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { applySalesReadyRule } from '@salesready/db/sales-ready-rule';
import { leads, sources } from '@salesready/db/schema/index';
import { readSettings } from '@salesready/db/settings';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addLeads, addSource, setSettings } from '../helpers/factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

describeOnBackend('schema and migrations', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(() => handle?.close());

  it('starts with the default settings', async () => {
    const s = await readSettings(handle.db);
    expect(s).toMatchObject({
      fiscalYearStartMonth: 1,
      timezone: 'UTC',
      salesReadyBantThreshold: 4,
      slaHours: 48,
      stalledDays: 14,
    });
  });

  it('refuses a second lead with the same external id from the same system', async () => {
    await addLeads(handle.db, [{ externalId: 'dup-1', createdAt: '2026-01-05T10:00:00Z' }]);
    await expect(
      addLeads(handle.db, [{ externalId: 'dup-1', createdAt: '2026-01-06T10:00:00Z' }]),
    ).rejects.toThrow();
    const rows = await handle.db.select().from(leads).where(eq(leads.externalId, 'dup-1'));
    expect(rows).toHaveLength(1);
  });

  it('refuses a source category outside the taxonomy and a second source with the same key', async () => {
    await addSource(handle.db, 'Webinars');
    await expect(addSource(handle.db, 'Webinars')).rejects.toThrow();
    await expect(
      handle.db.insert(sources).values({ name: 'X', key: 'x', category: 'bogus' as 'other' }),
    ).rejects.toThrow();
  });

  it('computes the BANT score and applies the sales-ready rule, and re-applies it when the rule changes', async () => {
    await addLeads(handle.db, [
      {
        externalId: 'b4',
        createdAt: '2026-02-01T00:00:00Z',
        mqlAt: '2026-02-03T00:00:00Z',
        bant: [true, true, true, true],
      },
      { externalId: 'b3', createdAt: '2026-02-01T00:00:00Z', bant: [true, false, true, true] },
      { externalId: 'crm', createdAt: '2026-02-01T00:00:00Z', crmSalesReadyAt: '2026-02-09T00:00:00Z' },
    ]);
    const read = async (id: string) =>
      defined((await handle.db.select().from(leads).where(eq(leads.externalId, id)))[0]);
    expect((await read('b4')).bantScore).toBe(4);
    expect((await read('b4')).salesReadyAt?.toISOString()).toBe('2026-02-03T00:00:00.000Z');
    expect((await read('b3')).salesReadyAt).toBeNull();
    expect((await read('crm')).salesReadyAt?.toISOString()).toBe('2026-02-09T00:00:00.000Z');

    await setSettings(handle.db, { salesReadyBantThreshold: 3, useCrmSalesReady: false });
    await applySalesReadyRule(handle.db);
    expect((await read('b3')).salesReadyAt?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect((await read('crm')).salesReadyAt).toBeNull();
  });
});
