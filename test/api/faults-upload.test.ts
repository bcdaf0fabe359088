import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { generatedCsv, rows } from '../helpers/import-files';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { type RunningServer, startServer } from '../helpers/server-process';
import { testBackend } from '../helpers/test-db';

const onPostgres = testBackend === 'postgres' && inject('postgresTemplate') !== null;

describe.skipIf(!onPostgres)('a client that disconnects mid-upload, on the real server [postgres]', () => {
  let server: RunningServer;
  let handle: DbHandle;
  let name: string;
  let cookie: string;
  // The server's own temporary folder, to see that an abandoned upload leaves no file behind.
  const serverTmp = mkdtempSync(join(tmpdir(), 'sr-faults-upload-'));

  beforeAll(async () => {
    name = uniqueName('sr_test_upload');
    await withAdmin((c) => c.query(`create database ${name} template ${inject('postgresTemplate')}`));
    handle = await createDb(databaseUrl(name), { driver: 'postgres' });
    await addUser(handle.db, 'uploader@example.com', 'a long test password', 'admin');
    server = await startServer({ DATABASE_URL: databaseUrl(name), TMPDIR: serverTmp });
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'uploader@example.com', password: 'a long test password' }),
    });
    expect(res.status).toBe(200);
    cookie = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
  });
  afterAll(async () => {
    await server?.stop();
    await handle?.close();
    await withAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
    rmSync(serverTmp, { recursive: true, force: true });
  });

  const uploads = () => readdirSync(serverTmp).filter((f) => f.startsWith('salesready-import-'));
  const state = async () =>
    defined(
      (
        await rows<{ leads: number; running: number; imports: number }>(
          handle.db,
          sql`select (select count(*)::int from leads) as leads,
          (select count(*)::int from imports where status = 'running') as running,
          (select count(*)::int from imports) as imports`,
        )
      )[0],
    );

  it('writes no lead and leaves no import running or file behind; the next upload goes through', async () => {
    // Under the 4 MB a single-request import takes (larger files go in chunks).
    const csv = Buffer.from(generatedCsv(110_000));
    const boundary = 'sr-fault-boundary';
    const head = Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="mapping"\r\n\r\n` +
        `${JSON.stringify({ externalId: 'id', createdAt: 'created' })}\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.csv"\r\n` +
        'content-type: text/csv\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const url = new URL('/api/imports', server.url);
    // Half the file is sent, then the connection is dropped.
    await new Promise<void>((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          cookie,
          origin: server.url,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + csv.length + tail.length),
        },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(head);
      req.write(csv.subarray(0, csv.length / 2), async () => {
        // Dropped once the server is writing the upload to its temporary file.
        for (let i = 0; i < 100 && uploads().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
        expect(uploads()).toHaveLength(1);
        req.destroy();
      });
    });

    // The server notices, cleans up, and records nothing half-done.
    for (let i = 0; i < 100 && uploads().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(uploads()).toEqual([]);
    const after = await state();
    expect(after).toMatchObject({ leads: 0, running: 0 });

    const form = new FormData();
    form.set('mapping', JSON.stringify({ externalId: 'id', createdAt: 'created' }));
    form.set('timezone', 'UTC');
    form.set('file', new Blob([generatedCsv(20)], { type: 'text/csv' }), 'small.csv');
    const ok = await fetch(url, { method: 'POST', body: form, headers: { cookie, origin: server.url } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ status: 'completed', inserted: 20 });
    expect(await state()).toMatchObject({ leads: 20, running: 0, imports: after.imports + 1 });
  });
});
