import { leadExportBatches } from '@salesready/api/exports/lead-batches';
import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openXlsx, readChunks, recordsOf, sheetRows, splitCsv } from '../helpers/export-files';
import { insertExportLeads, touchLeads } from '../helpers/export-leads';
import { addSource } from '../helpers/factories';
import { cookieFor } from '../helpers/pacing-session';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const total = 20_000;
const decode = (bytes: Buffer) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

// The lead list export has every row, in the list's order, read in batches and streamed in chunks.
describeOnBackend('lead list export: streamed, complete, in order', () => {
  let t: TestApp;
  let cookie: string;
  let ids: number[];
  const get = (path: string) => t.app.request(path, { headers: { cookie } });

  beforeAll(async () => {
    t = await openTestApp();
    const source = await addSource(t.handle.db, 'Paid search');
    ids = await insertExportLeads(t.handle.db, total, source);
    await touchLeads(t.handle.db, ids.slice(0, 50));
    cookie = await cookieFor(t, 'board');
  }, 240_000);
  afterAll(() => t?.close());

  it('streams 20,000 leads as CSV in many chunks, every row once, in the list order', async () => {
    const res = await get('/api/exports/leads.csv?quarter=2025-Q1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="salesready-leads-2025-Q1.csv"',
    );
    const { chunks, bytes } = await readChunks(res);
    // One chunk per batch of rows: the body was written while the leads were still being read.
    expect(chunks).toBeGreaterThanOrEqual(total / 2000);
    const { about, rows } = await splitCsv(decode(bytes));
    expect(about.get('Rows')).toBe(String(total));
    const records = recordsOf(rows);
    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r['Lead ID'])).size).toBe(total);
    // Newest first, as the list's default order.
    expect(defined(records[0])['External ID']).toBe(`X${total}`);
    expect(defined(records.at(-1))['External ID']).toBe('X1');
    const page = await (await get('/api/leads?quarter=2025-Q1&pageSize=500')).json();
    expect(records.slice(0, 500).map((r) => r['External ID'])).toEqual(
      page.rows.map((r: { externalId: string }) => r.externalId),
    );
  });

  it('follows a sort with ties and empty values exactly as the list pages do', async () => {
    const q = 'quarter=2025-Q1&sort=amount&order=asc&q=Company%201';
    const res = await get(`/api/exports/leads.csv?${q}`);
    const records = recordsOf((await splitCsv(decode((await readChunks(res)).bytes))).rows);
    const expected: string[] = [];
    for (let page = 1; ; page++) {
      const body = await (await get(`/api/leads?${q}&pageSize=500&page=${page}`)).json();
      expected.push(...body.rows.map((r: { externalId: string }) => r.externalId));
      if (body.rows.length < 500) break;
    }
    expect(expected.length).toBeGreaterThan(2000);
    expect(records.map((r) => r['External ID'])).toEqual(expected);
  });

  it('says so when it cannot follow the order asked for (last touch): created at, newest first', async () => {
    const res = await get('/api/exports/leads.csv?quarter=2025-Q1&sort=lastTouchAt&q=Company%2012');
    const { about, rows } = await splitCsv(decode((await readChunks(res)).bytes));
    expect(about.get('Order')).toBe('created at, descending (empty values last)');
    const created = recordsOf(rows).map((r) => String(r['Created at (UTC)']));
    expect(created.length).toBeGreaterThan(10);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('streams the same list as XLSX with numbers, dates and empty cells', async () => {
    const res = await get('/api/exports/leads.xlsx?quarter=2025-Q1&sort=createdAt&order=asc');
    expect(res.status).toBe(200);
    const { chunks, bytes } = await readChunks(res);
    expect(chunks).toBeGreaterThan(5);
    const workbook = await openXlsx(bytes);
    const records = recordsOf(sheetRows(defined(workbook.worksheets[0])));
    expect(records).toHaveLength(total);
    const first = defined(records[0]);
    expect(first['External ID']).toBe('X1');
    expect(first['Lead ID']).toBe(ids[0]);
    expect(first['Created at (UTC)']).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect(first['Sales-ready at (UTC)']).toEqual(new Date('2025-01-02T00:00:00Z'));
    expect(first['Last touch at (UTC)']).toEqual(new Date('2025-03-01T00:00:00Z'));
    expect(first['Amount (USD)']).toBeNull();
    expect(defined(records[1])['Amount (USD)']).toBe(100);
    expect(defined(records[1])['Sales-ready at (UTC)']).toBeNull();
    expect(typeof first['Age (days)']).toBe('number');
    expect(first['BANT score']).toBe(0);
  });

  it('reads the leads in batches of a bounded size, each query starting after the previous batch', async () => {
    const filter = { from: '2025-01-01', to: '2025-04-01', timezone: 'UTC' };
    const sizes: number[] = [];
    const seen = new Set<number>();
    for await (const batch of leadExportBatches(
      t.handle.db,
      filter,
      { dateStage: 'lead', sort: 'amount', descending: true },
      1000,
    )) {
      sizes.push(batch.length);
      for (const row of batch) seen.add(row.id);
    }
    // Only one batch is ever held: 20,000 leads arrive as 20 or so batches of at most 1,000.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(sizes.length).toBeGreaterThanOrEqual(20);
    expect(seen.size).toBe(total);
  });
});
