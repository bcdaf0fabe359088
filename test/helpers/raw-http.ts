import { request } from 'node:http';

/**
 * One HTTP/1.1 request with exactly the headers given, `Host` included (fetch sets its own), and
 * the body written in chunks when `chunks` is given (Transfer-Encoding: chunked, no Content-Length).
 */
export function rawRequest(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunks?: Iterable<Buffer>;
  } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        }
        resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(parts).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.chunks) {
      for (const chunk of init.chunks) if (!req.write(chunk)) req.once('drain', () => {});
    } else if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}
