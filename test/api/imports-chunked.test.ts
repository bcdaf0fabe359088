import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generatedCsv, leadCount, rows } from '../helpers/import-files';
import { cookieFor, uploadRequest } from '../helpers/import-http';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const mapping = JSON.stringify({
  externalId: 'id',
  createdAt: 'created',
  source: 'source',
  amount: 'amount',
});

describeOnBackend('CSV import in chunks', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await openTestApp();
    admin = await cookieFor(t, 'admin@example.com', 'admin');
  });
  afterAll(() => t?.close());

  const headers = () => ({ cookie: admin, origin: 'http://localhost' });
  async function create(csv: Buffer, fields: Record<string, string>, chunkBytes: number, name = 'leads.csv') {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('size', String(csv.length));
    form.set('chunkBytes', String(chunkBytes));
    form.set('file', new Blob([new Uint8Array(csv.subarray(0, 1024 * 1024))]), name);
    const res = await t.app.request('/api/imports/uploads', {
      method: 'POST',
      body: form,
      headers: headers(),
    });
    return { status: res.status, body: await res.json() };
  }
  const put = async (id: number, n: number, bytes: Buffer) => {
    const res = await t.app.request(`/api/imports/${id}/chunks/${n}`, {
      method: 'PUT',
      body: new Uint8Array(bytes),
      headers: { ...headers(), 'content-type': 'application/octet-stream' },
    });
    return { status: res.status, replayed: res.headers.get('x-chunk-replayed'), body: await res.json() };
  };
  const chunkOf = (csv: Buffer, size: number, n: number) => csv.subarray(n * size, (n + 1) * size);
  const report = async (id: number) =>
    (await t.app.request(`/api/imports/${id}`, { headers: { cookie: admin } })).json();

  it('imports a file sent in 1 KB chunks: every row once, records cut by a chunk boundary whole', async () => {
    // Company names with line breaks inside quotes, long enough that boundaries fall inside them.
    const lines = ['id,created,source,company'];
    for (let i = 1; i <= 120; i++) {
      lines.push(
        `Q${i},2024-02-${String((i % 28) + 1).padStart(2, '0')},Web,"Firm ${i}\nline two, ${'x'.repeat(i % 40)}\r\nend ${i}"`,
      );
    }
    const csv = Buffer.from(`${lines.join('\r\n')}\r\n`);
    const fields = {
      mapping: JSON.stringify({
        externalId: 'id',
        createdAt: 'created',
        source: 'source',
        company: 'company',
      }),
      timezone: 'UTC',
      originSystem: 'chunks',
    };
    const created = await create(csv, fields, 1024);
    expect(created.status).toBe(201);
    const { id, chunkCount, chunkBytes } = created.body;
    expect(chunkBytes).toBe(1024);
    expect(chunkCount).toBe(Math.ceil(csv.length / 1024));
    // At least one boundary falls inside a quoted field (between its quotes).
    const insideQuotes = Array.from({ length: chunkCount - 1 }, (_, k) => (k + 1) * 1024).filter((at) => {
      const before = csv.subarray(0, at).toString('latin1');
      return (before.match(/"/g) ?? []).length % 2 === 1;
    });
    expect(insideQuotes.length).toBeGreaterThan(0);
    let read = 0;
    for (let n = 0; n < chunkCount; n++) {
      const answer = await put(id, n, chunkOf(csv, 1024, n));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.replayed).toBe('false');
      read += answer.body.read;
      expect(answer.body.nextChunk).toBe(n === chunkCount - 1 ? null : n + 1);
    }
    expect(read).toBe(120);
    expect(await report(id)).toMatchObject({
      status: 'completed',
      read: 120,
      inserted: 120,
      rejected: 0,
      errors: [],
    });
    const stored = await rows<{ external_id: string; company: string }>(
      t.handle.db,
      sql`select external_id, company from leads where origin_system = 'chunks' order by id`,
    );
    expect(stored).toHaveLength(120);
    for (const [i, lead] of stored.entries()) {
      expect(lead.external_id).toBe(`Q${i + 1}`);
      expect(lead.company).toBe(`Firm ${i + 1}\nline two, ${'x'.repeat((i + 1) % 40)}\r\nend ${i + 1}`);
    }
  });

  it('answers a repeated chunk as the first time and changes nothing; refuses other bytes and a chunk out of order', async () => {
    const csv = Buffer.from(generatedCsv(300).replace(/^L/gm, 'R'));
    const created = await create(csv, { mapping, timezone: 'UTC', originSystem: 'repeat' }, 2048);
    const { id } = created.body;
    const first = await put(id, 0, chunkOf(csv, 2048, 0));
    expect(first.status).toBe(200);
    const count = await leadCount(t.handle.db);
    const again = await put(id, 0, chunkOf(csv, 2048, 0));
    expect(again).toMatchObject({ status: 200, replayed: 'true', body: first.body });
    expect(await leadCount(t.handle.db)).toBe(count);
    expect(await report(id)).toMatchObject({ read: first.body.read, inserted: first.body.inserted });

    const other = Buffer.from(chunkOf(csv, 2048, 0));
    other[100] = 0x41;
    const conflict = await put(id, 0, other);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toMatch(/chunk 0 of import \d+ is already stored with other bytes/);

    const skipped = await put(id, 2, chunkOf(csv, 2048, 2));
    expect(skipped.status).toBe(409);
    expect(skipped.body.error.message).toMatch(/takes chunk 1 next, not 2/);
    expect(skipped.body.error.details).toEqual([{ path: 'n', message: 'send chunk 1' }]);

    const short = await put(id, 1, chunkOf(csv, 2048, 1).subarray(0, 100));
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(
      /chunk 1 of import \d+ must hold bytes 2048–4095 of the file \(2048 bytes\); 100 were sent/,
    );

    const state = await (
      await t.app.request(`/api/imports/${id}/chunks`, { headers: { cookie: admin } })
    ).json();
    expect(state).toMatchObject({ id, nextChunk: 1, committedBytes: 2048, status: 'running' });
    for (let n = 1; n < state.chunkCount; n++)
      expect((await put(id, n, chunkOf(csv, 2048, n))).status).toBe(200);
    expect(await report(id)).toMatchObject({ status: 'completed', read: 300, inserted: 300 });
    const [repeated] = await rows<{ n: number }>(
      t.handle.db,
      sql`select count(*)::int as n from leads where origin_system = 'repeat'`,
    );
    expect(defined(repeated).n).toBe(300);
    // A finished import takes no more chunks, but a repeat still gets its answer.
    expect((await put(id, 1, chunkOf(csv, 2048, 1))).replayed).toBe('true');
  });

  it('rejects the row with an impossible date (31/31/2020) among ISO dates, with its line and column, and imports the others', async () => {
    const csv =
      'id,created,amount,budget,stage\nD1,2020-01-05,10,yes,won\nD2,31/31/2020,20,no,lost\nD3,2020-01-07,lots,yes,mql\nD4,2020-01-08,40,maybe,open\nD5,2020-01-09,50,no,Some custom stage\n';
    const fields = {
      mapping: JSON.stringify({
        externalId: 'id',
        createdAt: 'created',
        amount: 'amount',
        budget: 'budget',
        stage: 'stage',
      }),
      timezone: 'UTC',
      originSystem: 'dates',
    };
    const expected = [
      {
        line: 3,
        column: 'created',
        message: '"31/31/2020" is not a valid date: neither day/month nor month/day order fits 31 and 31',
      },
      { line: 4, column: 'amount', message: '"lots" is not an amount' },
      { line: 5, column: 'budget', message: '"maybe" is not yes/no, true/false or 1/0' },
    ];
    // One request…
    const single = await t.app.request('/api/imports', uploadRequest(admin, csv, fields));
    expect(single.status).toBe(201);
    expect(await single.json()).toMatchObject({
      status: 'completed',
      read: 5,
      inserted: 2,
      rejected: 3,
      errors: expected,
    });
    // …and in chunks.
    const bytes = Buffer.from(csv.replace(/D(\d)/g, 'E$1'));
    const created = await create(bytes, fields, 1024);
    expect(created.status).toBe(201);
    const answer = await put(created.body.id, 0, bytes);
    expect(answer.body).toMatchObject({
      read: 5,
      inserted: 2,
      rejected: 3,
      problems: expected.map((e) => ({ ...e, message: e.message })),
    });
    const stored = await rows<{ external_id: string; stage: string }>(
      t.handle.db,
      sql`select external_id, stage from leads where origin_system = 'dates' order by external_id`,
    );
    expect(stored.map((r) => r.external_id)).toEqual(['D1', 'D5', 'E1', 'E5']);
    expect(defined(stored[1]).stage).toBe('Some custom stage');
  });

  it('refuses a single-request upload over the limit with a 413 that names the chunked endpoints', async () => {
    const csv = Buffer.alloc(5 * 1024 * 1024, 'L1,2024-01-01,Web,10\n');
    const res = await t.app.request(
      '/api/imports',
      uploadRequest(admin, Buffer.concat([Buffer.from('id,created,source,amount\n'), csv]), { mapping }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe(
      'the file is over the import limit of 4 MB for one request; send larger files in chunks: POST /api/imports/uploads, then PUT /api/imports/{id}/chunks/{n}',
    );
  });

  it('refuses a chunk over 4 MB, a mapping that does not fit at set-up, and lists imports to resume', async () => {
    const csv = Buffer.from(generatedCsv(50));
    const bad = await create(
      csv,
      { mapping: JSON.stringify({ externalId: 'nope', createdAt: 'created' }) },
      4096,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/the file has no column "nope"/);

    const created = await create(
      csv,
      { mapping, timezone: 'UTC', originSystem: 'resume', fingerprint: 'leads.csv:x' },
      1024,
      'resume-me.csv',
    );
    const big = await put(created.body.id, 0, Buffer.alloc(4 * 1024 * 1024 + 1));
    expect(big.status).toBe(413);
    const open = await (
      await t.app.request(`/api/imports/uploads?fileName=resume-me.csv&size=${csv.length}`, {
        headers: { cookie: admin },
      })
    ).json();
    expect(open.imports.map((i: { id: number }) => i.id)).toEqual([created.body.id]);
    const cancelled = await t.app.request(`/api/imports/${created.body.id}/cancel`, {
      method: 'POST',
      headers: headers(),
    });
    expect(await cancelled.json()).toMatchObject({ status: 'interrupted' });
    const after = await (
      await t.app.request(`/api/imports/uploads?fileName=resume-me.csv&size=${csv.length}`, {
        headers: { cookie: admin },
      })
    ).json();
    expect(after.imports).toEqual([]);
  });
});
