import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { hostName, isLoopbackName } from '../public-origin';

/** The Host a request was addressed to: the header, else the URL's (a test's `app.request`). */
function requestHost(url: string, header: string | undefined): string {
  return header ?? new URL(url).host;
}

/** Whether `host` names the public origin's host, its default port written out or not. */
function sameHost(expected: URL, host: string): boolean {
  try {
    return new URL(`${expected.protocol}//${host}`).host === expected.host;
  } catch {
    return false;
  }
}

/**
 * Answers only requests addressed to the public origin's host, or to a loopback name when no
 * `PUBLIC_URL` is set: a page on another name that resolves here (DNS rebinding) gets nothing.
 */
export const allowedHostsOnly = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.var.publicOrigin;
  const host = requestHost(c.req.url, c.req.header('host')).toLowerCase();
  const allowed = expected ? sameHost(expected, host) : isLoopbackName(hostName(host));
  if (!allowed) {
    const answered = expected ? expected.host : '127.0.0.1, localhost or [::1]';
    throw new AppError(
      'misdirected',
      `this server does not answer for the host "${host.slice(0, 100)}"; it answers ${answered}`,
    );
  }
  await next();
});

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes from a browser must come from the app's own origin: `PUBLIC_URL`, or (unset) the loopback
 * origin the request was addressed to. Scripts that send neither Origin nor Sec-Fetch-Site pass.
 */
export const sameOriginWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (safeMethods.has(c.req.method)) return next();
  const url = new URL(c.req.url);
  const expected =
    c.var.publicOrigin?.origin ?? `${url.protocol}//${requestHost(c.req.url, c.req.header('host'))}`;
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== expected) {
    throw new AppError(
      'forbidden',
      `cross-origin request refused: a ${c.req.method} from ${origin.slice(0, 100)} is not accepted; only pages of ${expected} may write`,
    );
  }
  if (origin === undefined && c.req.header('sec-fetch-site') === 'cross-site') {
    throw new AppError('forbidden', `cross-origin request refused: only pages of ${expected} may write`);
  }
  await next();
});
