import { apiTokens } from '@salesready/db/schema/index';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { hashToken } from '../auth/tokens';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

export interface TokenEnv {
  Variables: AppEnv['Variables'] & { apiTokenId: number };
}

/** Scripts and integrations: `Authorization: Bearer <api token>`, a token neither unknown nor revoked. */
export const requireToken = createMiddleware<TokenEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new AppError('unauthorized', 'send an API token as "Authorization: Bearer <token>"');
  const { db } = c.var.deps;
  // Stored as SHA-256: the lookup hashes what was sent; last use is recorded on the same row.
  const [token] = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.tokenHash, hashToken(match[1]!)), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (!token) throw new AppError('unauthorized', 'the API token is unknown or revoked');
  c.set('apiTokenId', token.id);
  await next();
});
