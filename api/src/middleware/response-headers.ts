import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: [string, string][] = [
  ['content-security-policy', contentSecurityPolicy],
  ['x-content-type-options', 'nosniff'],
  ['referrer-policy', 'no-referrer'],
  ['x-frame-options', 'DENY'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['x-dns-prefetch-control', 'off'],
  ['x-permitted-cross-domain-policies', 'none'],
];

/**
 * The outermost middleware: every response (API, pages, errors, 404s) gets the security headers, its request
 * id and, unless it chose its own (hashed assets), `Cache-Control: no-store`. It builds a fresh Response:
 * headers set on the Node adapter's lightweight one once finalised can be dropped when its body is read.
 */
export const responseHeaders = (options: { hsts: boolean }) =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const res = c.res;
    const headers = new Headers(res.headers);
    for (const [name, value] of securityHeaders) headers.set(name, value);
    if (options.hsts) headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
    headers.set('x-request-id', c.var.requestId);
    const body = res.status === 204 || res.status === 304 || c.req.method === 'HEAD' ? null : res.body;
    c.res = undefined;
    c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
  });
