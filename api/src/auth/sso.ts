import type { Database } from '@salesready/db/client';
import { authSettings, type Role, roles } from '@salesready/db/schema/index';
import * as oidc from 'openid-client';
import { isLoopbackName } from '../public-origin';
import { ssoSealContext } from './seal-contexts';
import type { SecretBox } from './secrets';

export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  defaultRole: Role;
  groupRoles: Record<string, Role>;
  passwordSignIn: boolean;
}

/** The company's SSO settings with the client secret opened, or null when SSO is not set up. */
export async function readSsoSettings(db: Database, box: SecretBox): Promise<SsoSettings | null> {
  const [row] = await db.select().from(authSettings);
  if (!row?.ssoIssuer || !row.ssoClientId || !row.ssoClientSecret) return null;
  return {
    issuer: row.ssoIssuer,
    clientId: row.ssoClientId,
    clientSecret: await box.open(row.ssoClientSecret, ssoSealContext),
    allowedDomains: row.ssoAllowedDomains,
    defaultRole: row.ssoDefaultRole,
    groupRoles: row.ssoGroupRoles,
    passwordSignIn: row.ssoPasswordSignIn,
  };
}

/** Whether an issuer may be used: https, or http on a loopback address while PUBLIC_URL is unset. */
export function issuerProblem(issuer: string, publicOrigin: URL | null): string | null {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return 'must be a URL such as https://login.example.com';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackName(url.hostname) && publicOrigin === null) return null;
  return 'must be an https:// URL (http:// only on this machine while PUBLIC_URL is unset)';
}

/**
 * The provider's configuration, discovered from `<issuer>/.well-known/openid-configuration`. The ID
 * token's signature is always checked against the provider's keys, even though it comes over TLS.
 */
export async function discover(
  settings: Pick<SsoSettings, 'issuer' | 'clientId' | 'clientSecret'>,
  options: { fetch?: typeof fetch } = {},
): Promise<oidc.Configuration> {
  const insecure = new URL(settings.issuer).protocol === 'http:';
  const config = await oidc.discovery(
    new URL(settings.issuer),
    settings.clientId,
    settings.clientSecret,
    oidc.ClientSecretPost(settings.clientSecret),
    {
      execute: [...(insecure ? [oidc.allowInsecureRequests] : []), oidc.enableNonRepudiationChecks],
      ...(options.fetch && { [oidc.customFetch]: options.fetch }),
      timeout: 10,
    },
  );
  if (options.fetch) config[oidc.customFetch] = options.fetch;
  return config;
}

/** The role a user gets from their groups: the most trusted role any of their groups maps to. */
export function roleFromGroups(groups: unknown, settings: Pick<SsoSettings, 'groupRoles'>): Role | null {
  if (!Array.isArray(groups)) return null;
  const mapped = groups
    .filter((g): g is string => typeof g === 'string')
    .map((g) => settings.groupRoles[g])
    .filter((r): r is Role => r !== undefined);
  return roles.find((r) => mapped.includes(r)) ?? null;
}

/** Words a person understands for why the provider's answer was refused. */
export function ssoFailureMessage(error: unknown): { reason: string; message: string } {
  // The client library wraps the check that failed: read the whole chain of causes.
  const parts: string[] = [];
  let e = error as { code?: string; message?: string; cause?: unknown } | null | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    const claim = (e.cause as { claim?: unknown } | undefined)?.claim;
    parts.push(`${e.code ?? ''} ${e.message ?? ''} ${typeof claim === 'string' ? `"${claim}"` : ''}`);
    e = e.cause as typeof e;
  }
  const text = parts.join(' | ') || String(error);
  if (/"aud"|audience|"azp"/.test(text)) {
    return {
      reason: 'wrong audience',
      message:
        'The identity provider’s answer was meant for another application (wrong audience). Ask your admin to check the SSO client id.',
    };
  }
  if (/TIMESTAMP_CHECK|"exp"|expiration|"iat"|too far in the past/.test(text)) {
    return {
      reason: 'expired token',
      message:
        'The identity provider’s answer had expired. Sign in again; if it keeps happening, check the clocks.',
    };
  }
  if (/signature/i.test(text)) {
    return {
      reason: 'bad signature',
      message: 'The identity provider’s answer failed its signature check and was refused. Tell your admin.',
    };
  }
  if (/nonce/.test(text)) {
    return {
      reason: 'wrong nonce',
      message: 'The identity provider’s answer did not belong to this sign-in. Sign in again.',
    };
  }
  return {
    reason: text.slice(0, 200),
    message: 'Single sign-on did not complete. Sign in again; if it keeps happening, tell your admin.',
  };
}
