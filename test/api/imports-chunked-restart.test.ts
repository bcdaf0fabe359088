import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { tempFolder } from '../helpers/import-files';
import { databaseUrl, uniqueName, withAdmin } from '../helpers/postgres-server';
import { runCli } from '../helpers/run-cli';
import { type RunningServer, startServer } from '../helpers/server-process';
import { describeOnBackend, testBackend } from '../helpers/test-db';

const rowsInFile = 3_000;
const chunkBytes = 16 * 1024;

/** Sends part of a chunk's body, then drops the connection: the answer never comes. */
function dropMidChunk(url: string, cookie: string, body: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, {
      method: 'PUT',
      headers: {
        cookie,
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(body.subarray(0, body.length / 2), () => setTimeout(() => req.destroy(), 100));
  });
}

describeOnBackend('a chunked import cut off mid-file resumes on a restarted server', () => {
  const files = tempFolder('sr-chunk-restart-');
  let env: Record<string, string>;
  let dataDir = '';
  let dbName = '';
  let server: RunningServer | undefined;

  beforeAll(async () => {
    if (testBackend === 'pglite') {
      dataDir = mkdtempSync(join(tmpdir(), 'salesready-chunks-'));
      env = { DATA_DIR: dataDir, SEED_DEMO: 'never' };
    } else {
      dbName = uniqueName('sr_chunks');
      await withAdmin((c) => c.query(`create database ${dbName} template ${inject('postgresTemplate')}`));
      env = { DATABASE_URL: databaseUrl(dbName) };
    }
  });
  afterAll(async () => {
    await server?.stop();
    files.remove();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (dbName) await withAdmin((c) => c.query(`drop database if exists ${dbName} with (force)`));
  });

  it('stores every row exactly once after a dropped connection, a restart and a resume by the CLI', async () => {
    const lines = ['Lead ID,Created,Source,Notes'];
    for (let i = 1; i <= rowsInFile; i++) {
      lines.push(
        `K${i},2025-03-${String((i % 28) + 1).padStart(2, '0')} 10:00:00,Web,"note ${i}\nsecond line"`,
      );
    }
    const path = files.file('crm-export.csv', `${lines.join('\n')}\n`);
    const csv = Buffer.from(`${lines.join('\n')}\n`);
    const size = csv.length;
    const chunkCount = Math.ceil(size / chunkBytes);
    expect(chunkCount).toBeGreaterThan(6);

    server = await startServer(env);
    const password = 'a long test password';
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password }),
    });
    expect(setup.ok).toBe(true);
    const cookie = defined(defined(setup.headers.get('set-cookie')).split(';')[0]);

    // Started as the CLI starts it (same fingerprint), so that the CLI resumes it below.
    const form = new FormData();
    form.set('mapping', JSON.stringify({ externalId: 'Lead ID', createdAt: 'Created', source: 'Source' }));
    form.set('timezone', 'UTC');
    form.set('size', String(size));
    form.set('chunkBytes', String(chunkBytes));
    form.set('fingerprint', `crm-export.csv:${size}:${Math.floor(statSync(path).mtimeMs)}`);
    form.set('file', new Blob([new Uint8Array(csv.subarray(0, 1024 * 1024))]), 'crm-export.csv');
    const created = await fetch(`${server.url}/api/imports/uploads`, {
      method: 'POST',
      body: form,
      headers: { cookie },
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const chunk = (n: number) => csv.subarray(n * chunkBytes, (n + 1) * chunkBytes);
    const put = (url: string, n: number) =>
      fetch(`${url}/api/imports/${id}/chunks/${n}`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(chunk(n)),
      });
    const k = 3;
    const answers = [];
    for (let n = 0; n < k; n++) {
      const res = await put(server.url, n);
      expect(res.status).toBe(200);
      answers.push(await res.json());
    }
    await dropMidChunk(`${server.url}/api/imports/${id}/chunks/${k}`, cookie, chunk(k));
    await server.stop();

    // A new instance on the same database: the import is still open, chunk k is next.
    server = await startServer(env);
    expect(server.output()).not.toMatch(/Marked \d+ import\(s\) cut off/);
    const state = await (
      await fetch(`${server.url}/api/imports/${id}/chunks`, { headers: { cookie } })
    ).json();
    expect(state).toMatchObject({ id, status: 'running', nextChunk: k, committedBytes: k * chunkBytes });
    // A client that never saw chunk k−1's answer sends it again: the same answer, nothing written twice.
    const repeat = await put(server.url, k - 1);
    expect(repeat.headers.get('x-chunk-replayed')).toBe('true');
    expect(await repeat.json()).toEqual(answers[k - 1]);

    const result = await runCli(['import', path, '--server', server.url, '--map', 'externalId=Lead ID'], {
      SALESREADY_EMAIL: 'admin@example.com',
      SALESREADY_PASSWORD: password,
    });
    expect(result.stderr).toMatch(/sending +\[#+\] 100%/);
    expect(result.stdout).toContain(`Import ${id} completed (resumed): 3,000 rows read, 3,000 inserted`);
    expect(result.code).toBe(0);

    await server.stop();
    server = undefined;
    const handle = await createDb(env.DATABASE_URL ?? `file:${dataDir}`, { migrate: false });
    try {
      const [counts] = await selectRows<{ leads: number; ids: number; whole: number; status: string }>(
        handle.db,
        sql`select count(*)::int as leads, count(distinct external_id)::int as ids,
            count(*) filter (where external_id ~ '^K\\d+$')::int as whole,
            (select status from imports where id = ${id}) as status
          from leads`,
      );
      expect(counts).toEqual({ leads: rowsInFile, ids: rowsInFile, whole: rowsInFile, status: 'completed' });
    } finally {
      await handle.close();
    }
  }, 300_000);
});
