import type { Database } from '@salesready/db/client';
import { connectors } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { connectorSealContext } from '../../auth/seal-contexts';
import type { SecretBox } from '../../auth/secrets';
import type { SalesforceCredentials } from './client';

/** What a Salesforce connector keeps in the clear (its `settings` column): never a secret. */
export interface SalesforceSettings {
  loginUrl: string;
  clientId: string;
  flow: 'client_credentials' | 'web_server';
  instanceUrl: string | null;
  /** A web-server authorization under way: its state's hash, the admin it is bound to, until when. */
  authorization?: { stateHash: string; userId: number; expiresAt: string } | null;
}

/** What is sealed in the connector's `secret`, as one JSON value (one column for a rotation to reseal). */
interface SealedPart {
  clientSecret: string;
  refreshToken: string | null;
  accessToken: string | null;
  /** The PKCE verifier of an authorization under way. */
  codeVerifier?: string | null;
}

export function sealCredentials(box: SecretBox, connectorId: number, part: SealedPart): Promise<string> {
  return box.seal(JSON.stringify(part), connectorSealContext(connectorId));
}

export async function openCredentials(
  box: SecretBox,
  connectorId: number,
  sealed: string,
  settings: SalesforceSettings,
): Promise<SalesforceCredentials & { codeVerifier: string | null }> {
  const part = JSON.parse(await box.open(sealed, connectorSealContext(connectorId))) as SealedPart;
  return {
    loginUrl: settings.loginUrl,
    clientId: settings.clientId,
    flow: settings.flow,
    instanceUrl: settings.instanceUrl,
    clientSecret: part.clientSecret,
    refreshToken: part.refreshToken,
    accessToken: part.accessToken,
    codeVerifier: part.codeVerifier ?? null,
  };
}

/** Keeps a connector's new tokens (sealed) and the instance URL they answered. */
export async function storeTokens(
  db: Database,
  box: SecretBox,
  connectorId: number,
  settings: SalesforceSettings,
  credentials: SalesforceCredentials,
): Promise<void> {
  const secret = await sealCredentials(box, connectorId, {
    clientSecret: credentials.clientSecret,
    refreshToken: credentials.refreshToken,
    accessToken: credentials.accessToken,
  });
  await db
    .update(connectors)
    .set({
      secret,
      settings: { ...settings, instanceUrl: credentials.instanceUrl, authorization: null },
    })
    .where(eq(connectors.id, connectorId));
}
