/**
 * Salesforce's OAuth 2.0 token endpoint, `POST {loginUrl}/services/oauth2/token` with a form body:
 * `grant_type=client_credentials` (client id and secret), `authorization_code` (the web-server flow's
 * code, redirect_uri and PKCE verifier) or `refresh_token`. A success answers
 * `{ access_token, instance_url, id, token_type, issued_at, signature, refresh_token? }`; a refusal
 * answers 400 `{ error, error_description }` (`invalid_grant`, `invalid_client`, …).
 */

/** fetch says "fetch failed"; the cause says why (refused, DNS, TLS). */
export const reason = (error: unknown) =>
  [(error as Error).message, ((error as Error).cause as Error | undefined)?.message]
    .filter(Boolean)
    .join(': ');

export const defaultLoginUrl = 'https://login.salesforce.com';

export interface SalesforceTokens {
  accessToken: string;
  instanceUrl: string;
  refreshToken: string | null;
}

/** The token endpoint refused (`status` 400/401) or could not be reached (0). */
export class SalesforceAuthError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type TokenGrant =
  | { grant: 'client_credentials' }
  | { grant: 'refresh_token'; refreshToken: string }
  | { grant: 'authorization_code'; code: string; redirectUri: string; codeVerifier: string };

/** A login URL as an admin types it: an https origin (any http one on a loopback host, for tests). */
export function normalLoginUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  if (url.username || url.password || url.search || url.hash) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export async function requestToken(
  options: { loginUrl: string; clientId: string; clientSecret: string; fetch?: typeof fetch },
  grant: TokenGrant,
): Promise<SalesforceTokens> {
  const form = new URLSearchParams({
    grant_type: grant.grant,
    client_id: options.clientId,
    client_secret: options.clientSecret,
  });
  if (grant.grant === 'refresh_token') form.set('refresh_token', grant.refreshToken);
  if (grant.grant === 'authorization_code') {
    form.set('code', grant.code);
    form.set('redirect_uri', grant.redirectUri);
    form.set('code_verifier', grant.codeVerifier);
  }
  let res: Response | null = null;
  // A kept-alive connection the server has just closed fails at once: one more try on a new one.
  for (let attempt = 0; !res; attempt++) {
    try {
      res = await (options.fetch ?? fetch)(`${options.loginUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        // An admin waits on the first one: a login URL that never answers fails in seconds, not minutes.
        signal: AbortSignal.timeout(20_000),
      });
    } catch (error) {
      const code = ((error as Error).cause as { code?: string } | undefined)?.code;
      if (attempt >= 1 || (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET')) {
        throw new SalesforceAuthError(`Salesforce could not be reached: ${reason(error)}`, 0);
      }
    }
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok || typeof body?.access_token !== 'string' || typeof body.instance_url !== 'string') {
    const said = body?.error
      ? `: ${String(body.error)}${body.error_description ? ` (${String(body.error_description)})` : ''}`
      : '';
    throw new SalesforceAuthError(
      `Salesforce refused the ${grant.grant.replace(/_/g, ' ')} grant (${res.status})${said}. Check the connected app's client id and secret, and that the flow is enabled for it`,
      res.status,
    );
  }
  return {
    accessToken: body.access_token,
    instanceUrl: body.instance_url.replace(/\/+$/, ''),
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
  };
}

/** Where the browser is sent to approve the app (web-server flow, PKCE S256). */
export function authorizeUrl(options: {
  loginUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}): string {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    state: options.state,
    code_challenge: options.codeChallenge,
    code_challenge_method: 'S256',
    // api for the REST and Bulk APIs, refresh_token so the sync goes on without the admin.
    scope: 'api refresh_token',
  });
  return `${options.loginUrl}/services/oauth2/authorize?${params}`;
}

/**
 * Revokes a token at `POST {loginUrl}/services/oauth2/revoke` (form `token=`): a refresh token takes its
 * access tokens with it. Answers whether Salesforce accepted; a revoke that fails changes nothing here.
 */
export async function revokeToken(
  options: { loginUrl: string; fetch?: typeof fetch },
  token: string,
): Promise<boolean> {
  try {
    const res = await (options.fetch ?? fetch)(`${options.loginUrl}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
