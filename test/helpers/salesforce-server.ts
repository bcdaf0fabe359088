/**
 * A local stand-in for a Salesforce org, answering in the shapes Salesforce documents: its OAuth
 * endpoints (salesforce-oauth.ts) and, with a live session, its query, Bulk and describe endpoints
 * (salesforce-data-api.ts) over the records it holds (salesforce-org.ts); without one, 401
 * `[{ message, errorCode: "INVALID_SESSION_ID" }]` (REST API Developer Guide, "Status Codes and Error
 * Responses").
 */

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defined } from '@salesready/db/defined';
import { dataEndpoints } from './salesforce-data-api';
import { oauthEndpoints } from './salesforce-oauth';
import type { SalesforceOrg } from './salesforce-org';

export interface Seen {
  method: string;
  path: string;
  /** The SOQL of a query, when the request was one. */
  soql: string | null;
  form: Record<string, string> | null;
}

export async function startSalesforceServer(org: SalesforceOrg) {
  const seen: Seen[] = [];
  const oauth = oauthEndpoints(org);
  const data = dataEndpoints(org);
  let server: Server;

  const readBody = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    return text;
  };

  server = createServer(async (req, res) => {
    const url = new URL(defined(req.url), 'http://localhost');
    const body = await readBody(req);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...headers });
      res.end(text);
    };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    if (url.pathname === '/services/oauth2/token' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(body));
      seen.push({ method: 'POST', path: url.pathname, soql: null, form });
      return oauth.token(form, base, send);
    }
    if (url.pathname === '/services/oauth2/revoke' && req.method === 'POST') {
      const form = Object.fromEntries(new URLSearchParams(body));
      seen.push({ method: 'POST', path: url.pathname, soql: null, form: { ...form, grant_type: 'revoke' } });
      return oauth.revoke(form, send);
    }
    const soql = url.searchParams.get('q');
    const request: Seen = {
      method: defined(req.method),
      path: `${url.pathname}${url.search}`,
      soql,
      form: null,
    };
    seen.push(request);
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!oauth.isLive(bearer)) {
      return send(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
    return data(request.method, url, body, request, send);
  });
  // Idle connections stay open through a slow test: fetch reusing one the server just closed would
  // fail with ECONNRESET (retried by the client, but it would blur what a test counts).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    expireSessions: oauth.expireSessions,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
