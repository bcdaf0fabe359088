import { defined } from '@salesready/db/defined';
import { expect } from 'vitest';

/** A request to the deployed entry, as its runtime hands it one. */
export type Call = (path: string, init?: RequestInit) => Promise<Response>;

/** An admin: imports are theirs (the executive may only read). */
export const importer = { email: 'importer@example.com', password: 'a long importer password' };

// Leads of fiscal 2024-Q1 (February 2023: the fixture's year starts in February), a quarter the
// fixture leaves empty, long enough to take several 1 KB chunks, with one impossible date at line 21.
const rowCount = 60;
const badLine = 21;
function leadsCsv(): Buffer {
  const lines = ['id,created,source,company,amount'];
  for (let i = 1; i <= rowCount; i++) {
    const created = i + 1 === badLine ? '31/31/2020' : `2023-02-${String((i % 27) + 2).padStart(2, '0')}`;
    lines.push(`SL${i},${created},Paid search,"Company ${i}, a firm with a long name",${i * 100}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

/**
 * Signs in as the importer and sends a CSV as a chunked import through the entry (docs/decisions/0019): the first bytes fix the
 * mapping, then each 1 KB chunk is one short request, one chunk sent twice (its answer "lost"), and
 * checks that every good row was stored once and the bad one rejected with its line and column.
 */
export async function importInChunks(call: Call, origin: string): Promise<void> {
  const login = await call('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(importer),
  });
  expect(login.status).toBe(200);
  const headers = { cookie: defined((login.headers.get('set-cookie') ?? '').split(';')[0]), origin };
  const before = await call('/api/leads?quarter=2024-Q1', { headers });
  expect(before.status).toBe(200);
  expect(((await before.json()) as { total: number }).total).toBe(0);

  const csv = leadsCsv();
  const form = new FormData();
  form.set(
    'mapping',
    JSON.stringify({
      externalId: 'id',
      createdAt: 'created',
      source: 'source',
      company: 'company',
      amount: 'amount',
    }),
  );
  form.set('timezone', 'UTC');
  form.set('originSystem', 'serverless');
  form.set('size', String(csv.length));
  form.set('chunkBytes', '1024');
  form.set('file', new Blob([new Uint8Array(csv.subarray(0, 1024))], { type: 'text/csv' }), 'leads.csv');
  const created = await call('/api/imports/uploads', { method: 'POST', headers, body: form });
  expect(created.status, await created.clone().text()).toBe(201);
  const { id, chunkCount } = (await created.json()) as { id: number; chunkCount: number };
  expect(chunkCount).toBe(Math.ceil(csv.length / 1024));
  expect(chunkCount).toBeGreaterThan(3);

  const put = (n: number) =>
    call(`/api/imports/${id}/chunks/${n}`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(csv.subarray(n * 1024, (n + 1) * 1024)),
    });
  for (let n = 0; n < chunkCount; n++) {
    const res = await put(n);
    expect(res.status, await res.clone().text()).toBe(200);
    if (n === 1) {
      const again = await put(1);
      expect(again.status).toBe(200);
      expect(again.headers.get('x-chunk-replayed')).toBe('true');
    }
  }

  const report = await call(`/api/imports/${id}`, { headers });
  expect(await report.json()).toMatchObject({
    status: 'completed',
    read: rowCount,
    inserted: rowCount - 1,
    rejected: 1,
    errors: [
      {
        line: badLine,
        column: 'created',
        message: '"31/31/2020" is not a valid date: neither day/month nor month/day order fits 31 and 31',
      },
    ],
  });
  const after = await call('/api/leads?quarter=2024-Q1', { headers });
  const list = (await after.json()) as { total: number; amount: number };
  expect(list.total).toBe(rowCount - 1);
  // Every good row once: the amounts 100…6000 but the bad line's.
  expect(list.amount).toBe((100 * rowCount * (rowCount + 1)) / 2 - (badLine - 1) * 100);
}
