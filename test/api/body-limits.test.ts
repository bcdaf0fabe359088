import { createApp } from '@salesready/api/app';
import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cookieFor } from '../helpers/import-http';
import { rawRequest } from '../helpers/raw-http';
import { serveTestApp } from '../helpers/serve-test-app';
import { startServerOnBackend } from '../helpers/server-on-backend';
import type { RunningServer } from '../helpers/server-process';
import { openTestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

/** `total` bytes in chunks of 16 KB: sent with Transfer-Encoding: chunked, no Content-Length. */
function* chunksOf(text: string, total: number): Generator<Buffer> {
  const block = Buffer.from(text.repeat(Math.ceil(16_384 / text.length)).slice(0, 16_384));
  for (let sent = 0; sent < total; sent += block.length)
    yield block.subarray(0, Math.min(block.length, total - sent));
}

describeOnBackend('body limits count the bytes actually read, chunked uploads included', () => {
  // The real server in its own process: an in-process one shares the test's event loop with the client.
  let server: RunningServer;
  let cookie: string;
  let apiToken: string;

  beforeAll(async () => {
    server = await startServerOnBackend();
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    cookie = defined(defined(setup.headers.get('set-cookie')).split(';')[0]);
    const token = await fetch(`${server.url}/api/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'limits' }),
    });
    apiToken = (await token.json()).token;
  });
  afterAll(() => server?.stop());

  const send = (
    path: string,
    contentType: string,
    chunks: Iterable<Buffer>,
    headers: Record<string, string> = {},
  ) =>
    rawRequest(`${server.url}${path}`, {
      method: path === '/api/targets' ? 'PUT' : 'POST',
      headers: { host: new URL(server.url).host, cookie, 'content-type': contentType, ...headers },
      chunks,
    });

  it('a chunked targets CSV over 256 KB is refused with 413 at once, not parsed', async () => {
    const row = '2026-Q1,leads,,100\n';
    const started = Date.now();
    const res = await send('/api/targets/import', 'text/csv', [
      Buffer.from('quarter,metric,source,value\n'),
      ...chunksOf(row, 828 * 1024),
    ]);
    const ms = Date.now() - started;
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error).toMatchObject({
      code: 'payload_too_large',
      message: 'a targets file may be at most 256 KB',
    });
    expect(ms).toBeLessThan(5_000);
    console.log(`828 KB chunked targets CSV refused in ${ms} ms`);
  });

  it('a targets CSV under 256 KB but over 1000 rows is refused before anything is saved', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `2026-Q1,leads,,${i}`).join('\n');
    const res = await send('/api/targets/import', 'text/csv', [
      Buffer.from(`quarter,metric,source,value\n${rows}\n`),
    ]);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error.message).toBe(
      'a targets file may have at most 1000 rows; split it in several files',
    );
    const ok = await send('/api/targets/import', 'text/csv', [
      Buffer.from('quarter,metric,source,value\n'),
      Buffer.from('2026-Q1,leads,,120\n'),
    ]);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ saved: 1 });
  });

  it('a chunked JSON body over 1 MB is refused with 413', async () => {
    const res = await send('/api/targets', 'application/json', [
      Buffer.from('{"targets":[{"quarter":"2026-Q1","metric":"leads","value":1,"pad":"'),
      ...chunksOf('x', 1.5 * 1024 * 1024),
      Buffer.from('"}]}'),
    ]);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error.code).toBe('payload_too_large');
  });

  it('a chunked ingestion body over 10 MB is refused with 413', async () => {
    const res = await send(
      '/api/ingest/leads',
      'application/json',
      [Buffer.from('{"leads":[{"externalId":"'), ...chunksOf('y', 11 * 1024 * 1024), Buffer.from('"}]}')],
      { authorization: `Bearer ${apiToken}` },
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text).error).toMatchObject({
      code: 'payload_too_large',
      message: 'the request body is over 10 MB',
    });
  });
});

describeOnBackend('an import upload over its limit is refused as it arrives', () => {
  it('answers 413 to a chunked upload past the limit, for the preview and the import, without reading it all', async () => {
    const t = await openTestApp();
    const cookie = await cookieFor(t, 'admin@example.com');
    // The same app with a 1 MB import limit, behind the real Node adapter.
    const small = {
      ...t,
      app: createApp({
        db: t.handle.db,
        driver: t.handle.driver,
        version: 'test',
        demo: false,
        maxImportBytes: 1024 * 1024,
      }),
    };
    const server = await serveTestApp(small);
    try {
      const boundary = 'salesreadyboundary';
      const head = Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.csv"\r\ncontent-type: text/csv\r\n\r\nid,email\n`,
      );
      for (const path of ['/api/imports/preview', '/api/imports']) {
        let sent = 0;
        // 200 MB on offer; the server must stop long before.
        function* body() {
          yield head;
          for (const chunk of chunksOf('1,someone@example.com\n', 200 * 1024 * 1024)) {
            sent += chunk.length;
            yield chunk;
          }
        }
        const started = Date.now();
        const res = await rawRequest(`${server.url}${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
          chunks: body(),
        });
        expect(res.status, path).toBe(413);
        expect(JSON.parse(res.text).error.message).toBe(
          'the file is over the import limit of 1 MB for one request; send larger files in chunks: POST /api/imports/uploads, then PUT /api/imports/{id}/chunks/{n}',
        );
        expect(sent, path).toBeLessThan(20 * 1024 * 1024);
        console.log(`${path}: 413 after ${Math.round(sent / 1024)} KB sent, in ${Date.now() - started} ms`);
      }
    } finally {
      await server.close();
      await t.close();
    }
  });
});
