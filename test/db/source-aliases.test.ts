import type { DbHandle } from '@salesready/db/client';
import { selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { writeBatch } from '@salesready/db/import/write-batch';
import { resolveSourceNames } from '@salesready/db/sources/resolve-sources';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSource } from '../helpers/factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

describeOnBackend('imported source names join the sources there are', () => {
  let handle: DbHandle;
  let paid: number;
  let organic: number;
  let events: number;
  beforeAll(async () => {
    handle = await openTestDb();
    paid = await addSource(handle.db, 'Paid search');
    organic = await addSource(handle.db, 'Organic search');
    events = await addSource(handle.db, 'Events & trade shows');
  });
  afterAll(() => handle?.close());

  it('matches a name by spelling, by synonym and by a remembered alias, and says how', async () => {
    await handle.db.execute(
      sql`insert into source_aliases (key, name, source_id) values ('g2 crowd', 'G2 Crowd', ${organic})`,
    );
    const found = await resolveSourceNames(handle.db, [
      'Paid search',
      'paid_search',
      'Paid Search ',
      'PPC',
      'seo',
      'events-and-trade-shows',
      'g2_crowd',
      'Podcasts',
    ]);
    const of = (key: string) =>
      found.get(key) && { id: defined(found.get(key)).sourceId, how: defined(found.get(key)).how };
    expect(of('paid search')).toEqual({ id: paid, how: 'name' });
    expect(of('paid_search')).toEqual({ id: paid, how: 'spelling' });
    expect(of('ppc')).toEqual({ id: paid, how: 'synonym' });
    expect(of('seo')).toEqual({ id: organic, how: 'synonym' });
    expect(of('events-and-trade-shows')).toEqual({ id: events, how: 'spelling' });
    expect(of('g2_crowd')).toEqual({ id: organic, how: 'alias' });
    expect(found.has('podcasts')).toBe(false);
  });

  it('writes imported leads under the source they join, and creates a source only for a new name', async () => {
    const names = ['paid_search', 'PPC', ' Paid-Search', 'SEO', 'Podcasts', 'podcasts '];
    await writeBatch(
      handle.db,
      names.map((source, i) => ({
        line: i + 2,
        lead: { externalId: `alias-${i}`, createdAt: new Date('2025-03-01T10:00:00Z'), source },
      })),
      { originSystem: 'alias-test', mode: 'upsert', importId: null },
    );
    const rows = await selectRows<{ external_id: string; source: string }>(
      handle.db,
      sql`select l.external_id, s.name as source from leads l join sources s on s.id = l.source_id
        where l.origin_system = 'alias-test' order by l.external_id`,
    );
    expect(rows.map((r) => r.source)).toEqual([
      'Paid search',
      'Paid search',
      'Paid search',
      'Organic search',
      'Podcasts',
      'Podcasts',
    ]);
    const sources = await selectRows<{ name: string }>(handle.db, sql`select name from sources order by id`);
    expect(sources.map((s) => s.name)).toEqual([
      'Paid search',
      'Organic search',
      'Events & trade shows',
      'Podcasts',
    ]);
  });
});
