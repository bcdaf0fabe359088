/**
 * The stand-in org's OAuth endpoints, in the shapes Salesforce documents: the token endpoint
 * `POST /services/oauth2/token` (form body; grants client_credentials, authorization_code with PKCE,
 * refresh_token) → `{ access_token, instance_url, id, token_type, issued_at, signature, refresh_token? }`,
 * refusals 400 `{ error, error_description }`: help.salesforce.com "OAuth 2.0 Client Credentials Flow for
 * Server-to-Server Integration" and "OAuth 2.0 Web Server Flow for Web App Integration", and jsforce's
 * `TokenResponse` type; `POST /services/oauth2/revoke` (form `token=`) → 200, or 400 `invalid_token`
 * ("Revoke OAuth Tokens").
 */

import { createHash } from 'node:crypto';
import type { SalesforceOrg } from './salesforce-org';

type Send = (status: number, payload: unknown) => void;

/** The tokens an org issues, and the answers of its token and revoke endpoints. */
export function oauthEndpoints(org: SalesforceOrg) {
  const tokens = new Map<string, 'live' | 'expired'>();
  const refreshTokens = new Set<string>();
  let issued = 0;
  return {
    /** Whether an access token was issued here and has neither expired nor been revoked. */
    isLive: (token: string) => tokens.get(token) === 'live',
    /** Every access token issued so far stops working (sessions time out). */
    expireSessions: () => {
      for (const token of tokens.keys()) tokens.set(token, 'expired');
    },
    /** `POST /services/oauth2/token`; `base` is the org's instance URL. */
    token: (form: Record<string, string>, base: string, send: Send) => {
      const refuse = (description: string) =>
        send(400, { error: 'invalid_grant', error_description: description });
      if (form.client_id !== org.clientId || form.client_secret !== org.clientSecret) {
        return send(400, { error: 'invalid_client', error_description: 'invalid client credentials' });
      }
      let refresh: string | undefined;
      if (form.grant_type === 'refresh_token') {
        if (!refreshTokens.has(form.refresh_token ?? '')) return refuse('expired access/refresh token');
      } else if (form.grant_type === 'authorization_code') {
        const approved = org.codes.get(form.code ?? '');
        org.codes.delete(form.code ?? '');
        const challenge = createHash('sha256')
          .update(form.code_verifier ?? '')
          .digest('base64url');
        if (!approved || approved.redirectUri !== form.redirect_uri)
          return refuse('invalid authorization code');
        if (approved.challenge !== challenge) return refuse('invalid code verifier');
        refresh = `5Aep-refresh-${++issued}`;
        refreshTokens.add(refresh);
      } else if (form.grant_type !== 'client_credentials') {
        return send(400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
      }
      const access = `00D000000000001!token-${++issued}`;
      tokens.set(access, 'live');
      return send(200, {
        access_token: access,
        ...(refresh && { refresh_token: refresh }),
        signature: 'c2lnbmF0dXJl',
        scope: 'api refresh_token',
        instance_url: base,
        id: `${base}/id/00D000000000001EAA/005000000000001AAA`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
      });
    },
    /** `POST /services/oauth2/revoke`: an access or a refresh token. */
    revoke: (form: Record<string, string>, send: Send) => {
      const token = form.token ?? '';
      if (!refreshTokens.delete(token) && !tokens.delete(token)) {
        return send(400, { error: 'invalid_token', error_description: 'invalid token' });
      }
      return send(200, {});
    },
  };
}
