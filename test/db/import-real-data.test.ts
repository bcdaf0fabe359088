import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { runImport } from '@salesready/db/import/run-import';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countBy, leadCount, readCsvRecords, rows } from '../helpers/import-files';
import { describeWithSharedData, sharedFile } from '../helpers/shared-data';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// Expected figures come from reading each CSV here with csv-parse, never from the product's output.
const mqlFile = sharedFile('olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv');
const dealsFile = sharedFile('olist-marketing-funnel/olist_closed_deals_dataset.csv');
const xeduFile = sharedFile('x-education-leads/Leads.csv');
const mavenFile = sharedFile('maven-crm-sales-opportunities/sales_pipeline.csv');

const sortedEntries = (m: Map<string | null, number>) =>
  [...m.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describeWithSharedData('importing the real data sets', () => {
  describeOnBackend('CSV import of real exports', () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb();
    });
    afterAll(() => handle?.close());

    it('imports the 8,000 Olist MQLs with empty and "unknown" origins as one unknown source', async () => {
      const mqls = readCsvRecords(mqlFile);
      const report = await runImport(handle.db, {
        path: mqlFile,
        fileName: 'mqls.csv',
        preset: 'olist-mqls',
      });
      expect(report).toMatchObject({
        status: 'completed',
        read: mqls.length,
        inserted: mqls.length,
        rejected: 0,
      });
      expect(mqls.length).toBe(8000);

      const expected = countBy(mqls, (r) =>
        r.origin === '' || r.origin === 'unknown' ? null : (r.origin ?? null),
      );
      const stored = await rows<{ source: string | null; n: number }>(
        handle.db,
        sql`select s.name as source, count(*)::int as n from leads l left join sources s on s.id = l.source_id
            where l.origin_system = 'olist' group by 1`,
      );
      expect(sortedEntries(new Map(stored.map((r) => [r.source, r.n])))).toEqual(sortedEntries(expected));
      // Dates are days without a time: midnight in the settings' zone (UTC by default).
      const [first] = await rows<{ created: string; mql: string }>(
        handle.db,
        sql`select created_at::text as created, mql_at::text as mql from leads where external_id = ${defined(mqls[0]).mql_id}`,
      );
      expect(first).toEqual({
        created: `${defined(mqls[0]).first_contact_date} 00:00:00+00`,
        mql: `${defined(mqls[0]).first_contact_date} 00:00:00+00`,
      });
    }, 30_000);

    it('then marks the 842 closed deals won in update mode, adding no lead', async () => {
      const mqls = readCsvRecords(mqlFile);
      const deals = readCsvRecords(dealsFile);
      const before = await leadCount(handle.db);
      const report = await runImport(handle.db, {
        path: dealsFile,
        fileName: 'deals.csv',
        preset: 'olist-deals',
      });
      expect(report).toMatchObject({
        status: 'completed',
        mode: 'update',
        read: deals.length,
        inserted: 0,
        updated: 842,
        rejected: 0,
      });
      expect(await leadCount(handle.db)).toBe(before);

      const originOf = new Map(
        mqls.map((r) => [r.mql_id, r.origin === '' || r.origin === 'unknown' ? null : r.origin]),
      );
      const expected = countBy(deals, (d) => originOf.get(d.mql_id) ?? null);
      const stored = await rows<{ source: string | null; n: number }>(
        handle.db,
        sql`select s.name as source, count(*)::int as n from leads l left join sources s on s.id = l.source_id
            where l.origin_system = 'olist' and l.status = 'won' and l.won_at is not null group by 1`,
      );
      expect(sortedEntries(new Map(stored.map((r) => [r.source, r.n])))).toEqual(sortedEntries(expected));
      const deal = defined(deals[0]);
      const [won] = await rows<{ won: string; segment: string }>(
        handle.db,
        sql`select won_at::text as won, segment from leads where external_id = ${deal.mql_id}`,
      );
      expect(won).toEqual({ won: `${deal.won_date}+00`, segment: deal.business_segment });
    }, 30_000);

    it('re-importing the MQL file changes nothing and duplicates nothing', async () => {
      const report = await runImport(handle.db, {
        path: mqlFile,
        fileName: 'mqls.csv',
        preset: 'olist-mqls',
      });
      expect(report).toMatchObject({
        status: 'completed',
        read: 8000,
        inserted: 0,
        updated: 0,
        unchanged: 8000,
      });
      const [c] = await rows<{ n: number; ids: number; won: number }>(
        handle.db,
        sql`select count(*)::int as n, count(distinct external_id)::int as ids,
            count(*) filter (where status = 'won')::int as won from leads where origin_system = 'olist'`,
      );
      expect(c).toEqual({ n: 8000, ids: 8000, won: 842 });
    }, 30_000);

    it('imports X Education (CRLF, no dates): source case variants merged, Converted=1 won, quality as segment', async () => {
      const leads = readCsvRecords(xeduFile);
      expect(leads.length).toBe(9240);
      const missing = await runImport(handle.db, {
        path: xeduFile,
        fileName: 'Leads.csv',
        preset: 'x-education',
      });
      expect(missing.status).toBe('failed');
      expect(missing.message).toContain('createdAt');

      const report = await runImport(handle.db, {
        path: xeduFile,
        fileName: 'Leads.csv',
        preset: 'x-education',
        constants: { createdAt: '2024-01-01' },
      });
      expect(report).toMatchObject({ status: 'completed', read: 9240, inserted: 9240, rejected: 0 });

      // Names that join a source an earlier import of this file made, by spelling or synonym, count under it.
      const joined = new Map([
        ['direct traffic', 'direct_traffic'],
        ['organic search', 'organic_search'],
        ['social media', 'social'],
      ]);
      const expectedSources = countBy(leads, (r) => {
        const key = defined(r['Lead Source']).trim().toLowerCase();
        return key === '' ? null : (joined.get(key) ?? key);
      });
      // The file really spells some sources several ways (Google / google): each is one source row.
      const spellings = new Map<string, Set<string>>();
      for (const r of leads) {
        const name = defined(r['Lead Source']).trim();
        if (name)
          spellings.set(name.toLowerCase(), (spellings.get(name.toLowerCase()) ?? new Set()).add(name));
      }
      const merged = [...spellings.entries()].filter(([, names]) => names.size > 1).map(([key]) => key);
      expect(merged).toContain('google');
      const [sourceRows] = await rows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from sources where key in (select unnest(${`{${merged.join(',')}}`}::text[]))`,
      );
      expect(defined(sourceRows).n).toBe(merged.length);
      const stored = await rows<{ key: string | null; n: number }>(
        handle.db,
        sql`select s.key, count(*)::int as n from leads l left join sources s on s.id = l.source_id
            where l.origin_system = 'x-education' group by 1`,
      );
      expect(sortedEntries(new Map(stored.map((r) => [r.key, r.n])))).toEqual(sortedEntries(expectedSources));

      const converted = leads.filter((r) => r.Converted === '1').length;
      const quality = countBy(leads, (r) => (r['Lead Quality'] === '' ? null : defined(r['Lead Quality'])));
      const [won] = await rows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from leads where origin_system = 'x-education' and status = 'won'`,
      );
      expect(defined(won).n).toBe(converted);
      const segments = await rows<{ segment: string | null; n: number }>(
        handle.db,
        sql`select segment, count(*)::int as n from leads where origin_system = 'x-education' group by 1`,
      );
      expect(sortedEntries(new Map(segments.map((r) => [r.segment, r.n])))).toEqual(sortedEntries(quality));
    }, 30_000);

    it('imports the Maven pipeline: won count and won revenue, lost dates only on lost deals', async () => {
      const deals = readCsvRecords(mavenFile);
      expect(deals.length).toBe(8800);
      const report = await runImport(handle.db, {
        path: mavenFile,
        fileName: 'sales_pipeline.csv',
        preset: 'maven-pipeline',
      });
      expect(report).toMatchObject({ status: 'completed', read: 8800, inserted: 8800, rejected: 0 });

      const won = deals.filter((d) => d.deal_stage === 'Won');
      const lost = deals.filter((d) => d.deal_stage === 'Lost');
      const wonRevenue = won.reduce((sum, d) => sum + Number(d.close_value), 0);
      const [stored] = await rows<{
        won: number;
        revenue: string;
        wonAt: number;
        lost: number;
        lostAt: number;
        open: number;
      }>(
        handle.db,
        sql`select count(*) filter (where status = 'won')::int as won,
              coalesce(sum(amount) filter (where status = 'won'), 0)::text as revenue,
              count(won_at)::int as "wonAt", count(*) filter (where status = 'lost')::int as lost,
              count(lost_at)::int as "lostAt", count(*) filter (where status = 'open')::int as open
            from leads where origin_system = 'maven'`,
      );
      expect(stored).toEqual({
        won: won.length,
        revenue: wonRevenue.toFixed(2),
        wonAt: won.length,
        lost: lost.length,
        lostAt: lost.length,
        open: deals.length - won.length - lost.length,
      });

      const again = await runImport(handle.db, {
        path: mavenFile,
        fileName: 'sales_pipeline.csv',
        preset: 'maven-pipeline',
      });
      expect(again).toMatchObject({ status: 'completed', inserted: 0, updated: 0, unchanged: 8800 });
      const [c] = await rows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from leads where origin_system = 'maven'`,
      );
      expect(defined(c).n).toBe(8800);
    }, 30_000);
  });
});
