import type { DbHandle } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { cachedFigure, dataScopes, readCached } from '@salesready/db/figure-cache';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLeads, addSource, setSettings } from '../helpers/factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

describeOnBackend('the figure cache', () => {
  let handle: DbHandle;
  let source: number;
  const version = async () => (await readCached(handle.db, 'none', dataScopes)).version;
  /** A real figure: leads per source, counted by the database, with how often it was computed. */
  let computations = 0;
  const leadCount = () =>
    cachedFigure(handle.db, 'lead-count', ['leads'], async () => {
      computations++;
      const [row] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from leads`);
      return { leads: defined(row).n };
    });

  beforeAll(async () => {
    handle = await openTestDb();
    source = await addSource(handle.db, 'Webinars');
    await addLeads(handle.db, [{ externalId: 'L1', createdAt: '2026-01-05T10:00:00Z', sourceId: source }]);
  });
  afterAll(() => handle?.close());

  describe('the data version', () => {
    // Each write the figures can see, on each table they read.
    const writes: [string, () => Promise<unknown>][] = [
      [
        'a lead inserted',
        () => addLeads(handle.db, [{ externalId: 'L2', createdAt: '2026-01-06T10:00:00Z' }]),
      ],
      [
        'a lead updated',
        () => handle.db.execute(sql`update leads set amount = 500 where external_id = 'L2'`),
      ],
      ['a lead deleted', () => handle.db.execute(sql`delete from leads where external_id = 'L2'`)],
      [
        'a touch inserted',
        () =>
          handle.db.execute(sql`insert into touches (lead_id, occurred_at, kind, actor, origin_system, external_id)
          select id, '2026-01-05T11:00:00Z', 'email', 'marketing', 'test', 'T1' from leads where external_id = 'L1'`),
      ],
      ['a touch deleted', () => handle.db.execute(sql`delete from touches where external_id = 'T1'`)],
      [
        'a source recategorised',
        () => handle.db.execute(sql`update sources set category = 'sales' where id = ${source}`),
      ],
      [
        'spend recorded',
        () =>
          handle.db.execute(
            sql`insert into spend (source_id, month, amount) values (${source}, '2026-01-01', 1000)`,
          ),
      ],
      [
        'a target set',
        () =>
          handle.db.execute(
            sql`insert into targets (quarter, metric, value) values ('2026-Q1', 'leads', 10)`,
          ),
      ],
      ['a setting changed', () => setSettings(handle.db, { slaHours: 12 })],
      ['a table emptied', () => handle.db.execute(sql`truncate spend`)],
    ];
    for (const [name, write] of writes) {
      it(`changes with ${name}`, async () => {
        const before = await version();
        await write();
        expect(await version()).not.toBe(before);
      });
    }

    it('stays when a statement changes no row (an unchanged re-import)', async () => {
      const before = await version();
      await handle.db.execute(sql`update leads set amount = 1 where false`);
      await handle.db.execute(sql`delete from touches where external_id = 'no such touch'`);
      expect(await version()).toBe(before);
    });
  });

  it('answers from the cache until a write, then computes afresh', async () => {
    computations = 0;
    const first = await leadCount();
    const second = await leadCount();
    expect(first).toEqual({ value: { leads: 1 }, hit: false });
    expect(second).toEqual({ value: { leads: 1 }, hit: true });
    expect(computations).toBe(1);

    await addLeads(handle.db, [{ externalId: 'L3', createdAt: '2026-01-07T10:00:00Z' }]);
    expect(await leadCount()).toEqual({ value: { leads: 2 }, hit: false });
    expect(computations).toBe(2);
  });

  it('keeps an answer through writes to tables it does not read', async () => {
    computations = 0;
    await addLeads(handle.db, [{ externalId: 'L3b', createdAt: '2026-01-07T11:00:00Z', sourceId: source }]);
    expect((await leadCount()).hit).toBe(false);
    await handle.db.execute(sql`insert into touches (lead_id, occurred_at, kind, actor, origin_system, external_id)
      select id, '2026-01-07T12:00:00Z', 'email', 'marketing', 'test', 'T9' from leads where external_id = 'L3b'`);
    await handle.db.execute(
      sql`insert into spend (source_id, month, amount) values (${source}, '2026-02-01', 10)`,
    );
    await setSettings(handle.db, { slaHours: 10 });
    expect(await leadCount()).toMatchObject({ hit: true });
    expect(computations).toBe(1);
    // The same writes move an answer that reads every table.
    const everything = () => cachedFigure(handle.db, 'all', dataScopes, async () => 1);
    await everything();
    expect((await everything()).hit).toBe(true);
    await setSettings(handle.db, { slaHours: 11 });
    expect((await everything()).hit).toBe(false);
    await handle.db.execute(sql`delete from leads where external_id = 'L3b'`);
    expect((await leadCount()).hit).toBe(false);
  });

  it('keeps no answer when a write commits while it is computed', async () => {
    computations = 0;
    await handle.db.execute(sql`update leads set amount = 7 where external_id = 'L1'`);
    // The computation reads the lead count, then a write lands before it finishes.
    const raced = await cachedFigure(handle.db, 'lead-count', ['leads'], async () => {
      computations++;
      const [row] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from leads`);
      await addLeads(handle.db, [{ externalId: 'L4', createdAt: '2026-01-08T10:00:00Z' }]);
      return { leads: defined(row).n };
    });
    expect(raced).toEqual({ value: { leads: 2 }, hit: false });
    // The stale count was not kept: the next read computes, and sees the new lead.
    expect(await leadCount()).toEqual({ value: { leads: 3 }, hit: false });
    expect(computations).toBe(2);
  });

  it('drops the answers of older versions', async () => {
    await leadCount();
    await cachedFigure(handle.db, 'other', ['leads'], async () => 1);
    await addLeads(handle.db, [{ externalId: 'L5', createdAt: '2026-01-09T10:00:00Z' }]);
    await cachedFigure(handle.db, 'other', ['leads'], async () => 2);
    const rows = await selectRows<{ key: string }>(handle.db, sql`select key from figure_cache order by key`);
    expect(rows.map((r) => r.key)).toEqual(['other']);
  });
});
