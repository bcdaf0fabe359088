import { createHash, randomBytes } from 'node:crypto';
import { defined } from '@salesready/db/defined';
import { connectors } from '@salesready/db/schema/index';
import { and, eq, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import { secretBox } from '../auth/secrets';
import type { SalesforceCredentials } from '../connectors/salesforce/client';
import {
  openCredentials,
  type SalesforceSettings,
  sealCredentials,
  storeTokens,
} from '../connectors/salesforce/credentials';
import {
  authorizeUrl,
  defaultLoginUrl,
  normalLoginUrl,
  requestToken,
  revokeToken,
  SalesforceAuthError,
} from '../connectors/salesforce/oauth';
import type { AppDeps, AppEnv } from '../context';
import { AppError } from '../errors';
import { enqueueConnectorSync } from '../jobs/kinds/connector-sync';
import { redirects } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId } from '../params';

/** `POST /api/connectors` for Salesforce: a connected app's client id and secret, and the flow. */
export const salesforceCreateBody = z.strictObject({
  kind: z.literal('salesforce'),
  /** The org's My Domain login URL, or login.salesforce.com / test.salesforce.com. */
  loginUrl: z
    .string()
    .max(300)
    .default(defaultLoginUrl)
    .transform((value, ctx) => {
      const url = normalLoginUrl(value);
      if (!url) {
        ctx.addIssue({ code: 'custom', message: 'is not an https URL such as https://login.salesforce.com' });
        return z.NEVER;
      }
      return url;
    }),
  clientId: z.string().trim().min(10, "is not a connected app's consumer key").max(255),
  clientSecret: z.string().trim().min(8, "is not a connected app's consumer secret").max(255),
  /** client_credentials connects now; web_server waits for an admin to approve it at Salesforce. */
  flow: z.enum(['client_credentials', 'web_server']).default('client_credentials'),
});

const authorizationLifetimeMs = 10 * 60 * 1000;
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

function redirectUri(c: Context<AppEnv>): string {
  const origin = c.var.publicOrigin?.origin ?? new URL(c.req.url).origin;
  return `${origin}/api/connectors/salesforce/callback`;
}

/** Back to Settings → Connectors, with what happened in words a person understands. */
const toSettings = (c: Context<AppEnv>, outcome: { connected: number } | { error: string }) =>
  c.redirect(
    'connected' in outcome
      ? `/settings/connectors?connected=${outcome.connected}`
      : `/settings/connectors?error=${encodeURIComponent(outcome.error)}`,
    302,
  );

/**
 * Creates a Salesforce connector. Client credentials are tried at once (a refusal is the admin's to
 * fix, so 400 with Salesforce's reason); a web-server connector stays pending until its authorization.
 */
export async function createSalesforceConnector(
  c: Context<AppEnv>,
  body: z.infer<typeof salesforceCreateBody>,
): Promise<{ id: number; status: 'idle' | 'pending'; authorizeUrl?: string }> {
  const { db } = c.var.deps;
  const box = secretBox(c.var.deps);
  if (!box.canSeal) await box.seal('', 'check');
  let credentials: SalesforceCredentials | null = null;
  if (body.flow === 'client_credentials') {
    try {
      const tokens = await requestToken(body, { grant: 'client_credentials' });
      credentials = { ...body, ...tokens, refreshToken: null };
    } catch (error) {
      if (!(error instanceof SalesforceAuthError)) throw error;
      throw new AppError('bad_request', error.message, [{ path: 'clientSecret', message: error.message }]);
    }
  }
  const id = await db.transaction(async (tx) => {
    const [live] = await tx
      .select({ id: connectors.id, status: connectors.status })
      .from(connectors)
      .where(and(eq(connectors.kind, 'salesforce'), isNull(connectors.revokedAt)));
    // An authorization never finished is replaced; a working connection must be revoked first.
    if (live?.status === 'pending') await tx.delete(connectors).where(eq(connectors.id, live.id));
    else if (live) {
      throw new AppError(
        'conflict',
        `Salesforce is already connected (connector ${live.id}): revoke it first`,
      );
    }
    const settings: SalesforceSettings = {
      loginUrl: body.loginUrl,
      clientId: body.clientId,
      flow: body.flow,
      instanceUrl: credentials?.instanceUrl ?? null,
    };
    const [row] = await tx
      .insert(connectors)
      .values({
        kind: 'salesforce',
        status: credentials ? 'idle' : 'pending',
        settings: settings as unknown as Record<string, unknown>,
        createdBy: c.var.user.id,
      })
      .returning({ id: connectors.id });
    const id = defined(row).id;
    const secret = await sealCredentials(box, id, {
      clientSecret: body.clientSecret,
      refreshToken: null,
      accessToken: credentials?.accessToken ?? null,
    });
    await tx
      .update(connectors)
      .set({ secret })
      .where(eq(connectors.id, defined(row).id));
    if (credentials) await enqueueConnectorSync(tx as never, defined(row).id);
    return defined(row).id;
  });
  await audit(db, c.var.user.id, 'connector.create', `connector:${id}`, {
    kind: 'salesforce',
    flow: body.flow,
  });
  if (credentials) {
    c.var.deps.wakeJobs?.();
    return { id, status: 'idle' };
  }
  return { id, status: 'pending', authorizeUrl: `/api/connectors/salesforce/authorize?connector=${id}` };
}

/**
 * Before a Salesforce connector forgets its tokens: what revokes them at Salesforce afterwards (the
 * refresh token, else the access token), or null for another kind or nothing to revoke.
 */
export async function salesforceRevocation(
  deps: AppDeps,
  connectorId: number,
): Promise<(() => Promise<boolean>) | null> {
  const [row] = await deps.db
    .select()
    .from(connectors)
    .where(
      and(eq(connectors.id, connectorId), eq(connectors.kind, 'salesforce'), isNull(connectors.revokedAt)),
    );
  if (!row?.secret) return null;
  const settings = row.settings as unknown as SalesforceSettings;
  const credentials = await openCredentials(secretBox(deps), row.id, row.secret, settings).catch(() => null);
  const token = credentials?.refreshToken ?? credentials?.accessToken;
  return token ? () => revokeToken(settings, token) : null;
}

/** The web-server flow: to Salesforce to approve the connected app, and back with a code. */
export const salesforceOAuthRoutes = new Hono<AppEnv>()
  .get(
    '/authorize',
    validate('query', z.strictObject({ connector: rowId })),
    redirects('Salesforce’s authorization page (`{loginUrl}/services/oauth2/authorize`)'),
    async (c) => {
      const { db } = c.var.deps;
      const { connector: id } = c.req.valid('query');
      const [row] = await db
        .select()
        .from(connectors)
        .where(and(eq(connectors.id, id), eq(connectors.kind, 'salesforce'), isNull(connectors.revokedAt)));
      if (!row?.secret) throw new AppError('not_found', `no Salesforce connector ${id}`);
      const settings = row.settings as unknown as SalesforceSettings;
      if (settings.flow !== 'web_server') {
        throw new AppError(
          'conflict',
          `connector ${id} uses the client-credentials flow: it needs no authorization`,
        );
      }
      const box = secretBox(c.var.deps);
      const credentials = await openCredentials(box, id, row.secret, settings);
      const state = randomBytes(32).toString('base64url');
      const codeVerifier = randomBytes(48).toString('base64url');
      const secret = await sealCredentials(box, id, { ...credentials, codeVerifier });
      const authorization = {
        stateHash: sha256(state),
        userId: c.var.user.id,
        expiresAt: new Date(Date.now() + authorizationLifetimeMs).toISOString(),
      };
      await db
        .update(connectors)
        .set({ secret, settings: { ...settings, authorization } })
        .where(eq(connectors.id, id));
      return c.redirect(
        authorizeUrl({
          loginUrl: settings.loginUrl,
          clientId: settings.clientId,
          redirectUri: redirectUri(c),
          state,
          codeChallenge: sha256(codeVerifier),
        }),
        302,
      );
    },
  )
  .get('/callback', redirects('Settings → Connectors, with `connected` or `error`'), async (c) => {
    const { db } = c.var.deps;
    const q = c.req.query();
    if (q.error) {
      return toSettings(c, {
        error: `Salesforce did not authorize the connection: ${q.error_description || q.error}`,
      });
    }
    if (!q.state || !q.code)
      return toSettings(c, { error: 'Salesforce came back without a code: start again.' });
    const stateHash = sha256(q.state);
    const pending = await db
      .select()
      .from(connectors)
      .where(and(eq(connectors.kind, 'salesforce'), isNull(connectors.revokedAt)));
    const row = pending.find(
      (r) => (r.settings as unknown as SalesforceSettings | null)?.authorization?.stateHash === stateHash,
    );
    const settings = row?.settings as unknown as SalesforceSettings | undefined;
    const authorization = settings?.authorization;
    // The state is bound to the admin who started it, and lives ten minutes.
    if (!row?.secret || !settings || !authorization || authorization.userId !== c.var.user.id) {
      return toSettings(c, {
        error: 'This authorization was not started here by you: start again from Settings.',
      });
    }
    if (Date.parse(authorization.expiresAt) < Date.now()) {
      return toSettings(c, { error: 'The authorization took too long: start again from Settings.' });
    }
    const box = secretBox(c.var.deps);
    const credentials = await openCredentials(box, row.id, row.secret, settings);
    let tokens: Awaited<ReturnType<typeof requestToken>>;
    try {
      tokens = await requestToken(credentials, {
        grant: 'authorization_code',
        code: q.code,
        redirectUri: redirectUri(c),
        codeVerifier: credentials.codeVerifier ?? '',
      });
    } catch (error) {
      if (!(error instanceof SalesforceAuthError)) throw error;
      return toSettings(c, { error: error.message });
    }
    if (!tokens.refreshToken) {
      return toSettings(c, {
        error:
          'Salesforce sent no refresh token: give the connected app the refresh_token scope and start again.',
      });
    }
    await db.transaction(async (tx) => {
      await storeTokens(tx as never, box, row.id, settings, { ...credentials, ...tokens });
      await tx.update(connectors).set({ status: 'idle', message: null }).where(eq(connectors.id, row.id));
      await enqueueConnectorSync(tx as never, row.id);
    });
    await audit(db, c.var.user.id, 'connector.authorize', `connector:${row.id}`, { kind: 'salesforce' });
    c.var.deps.wakeJobs?.();
    return toSettings(c, { connected: row.id });
  });
