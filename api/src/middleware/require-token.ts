import type { Database } from '@salesready/db/client';
import { apiTokens } from '@salesready/db/schema/index';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { hashToken } from '../auth/tokens';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

export interface TokenEnv {
  Variables: AppEnv['Variables'] & { apiTokenId: number };
}

/** The token an `Authorization: Bearer` header carries, or null when the header names none. */
export function bearerToken(header: string | undefined): string | null {
  return header ? (/^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? null) : null;
}

/** The live token behind a secret (neither unknown nor revoked); its last use is recorded on the same row. */
export async function liveToken(db: Database, secret: string) {
  // Stored as SHA-256: the lookup hashes what was sent.
  const [token] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.tokenHash, hashToken(secret)), isNull(apiTokens.revokedAt)))
    .returning({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      createdBy: apiTokens.createdBy,
    });
  if (!token) throw new AppError('unauthorized', 'the API token is unknown or revoked');
  return token;
}

/** Scripts and integrations that write: `Authorization: Bearer <api token>` of the ingestion scope. */
export const requireToken = createMiddleware<TokenEnv>(async (c, next) => {
  const secret = bearerToken(c.req.header('authorization'));
  if (!secret) throw new AppError('unauthorized', 'send an API token as "Authorization: Bearer <token>"');
  const token = await liveToken(c.var.deps.db, secret);
  if (token.scope !== 'ingest') {
    throw new AppError(
      'forbidden',
      'this token may only read figures, metrics and exports; writing needs an ingestion token (Settings → API tokens)',
    );
  }
  c.set('apiTokenId', token.id);
  await next();
});
