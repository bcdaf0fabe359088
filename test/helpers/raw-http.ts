import { request } from 'node:http';

type RawInit = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunks?: Iterable<Buffer>;
};
type RawAnswer = { status: number; headers: Headers; text: string };

/**
 * `rawRequestOnce`, again if need be. A server that refuses an upload early closes the connection; a client still writing may see the
 * close (EPIPE, ECONNRESET) before it reads the answer, as a browser sometimes does on a loaded
 * machine. Like a browser, try again (a re-iterable body only): the answer must come each time.
 */
export async function rawRequest(url: string, init: RawInit = {}): Promise<RawAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rawRequestOnce(url, init);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const retry = (code === 'EPIPE' || code === 'ECONNRESET') && Array.isArray(init.chunks) && attempt < 3;
      if (!retry) throw error;
    }
  }
}

/**
 * One HTTP/1.1 request with exactly the headers given, `Host` included (fetch sets its own). With
 * `chunks` the body goes out with Transfer-Encoding: chunked, at the pace the server reads it, and
 * stops as soon as the server has answered (as a browser does on an early 413). A new connection
 * each time: one the server closed after an early answer is never reused.
 */
function rawRequestOnce(url: string, init: RawInit): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let wakeWriter = () => {};
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      answered = true;
      wakeWriter();
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
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (!init.chunks) {
      if (init.body !== undefined) req.write(init.body);
      req.end();
      return;
    }
    const chunks = init.chunks;
    void (async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        if (!req.write(chunk)) {
          await new Promise<void>((wake) => {
            const done = () => {
              req.off('drain', done);
              req.off('close', done);
              wake();
            };
            wakeWriter = done;
            req.once('drain', done);
            req.once('close', done);
          });
        }
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}
