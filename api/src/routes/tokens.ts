import { defined } from '@salesready/db/defined';
import { apiTokens } from '@salesready/db/schema/index';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import { hashToken, newToken } from '../auth/tokens';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId } from '../params';
import { deleteTokensIdAnswer, postTokensAnswer, tokensAnswer } from '../schemas/auth-answers';

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scope: apiTokens.scope,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

/** API tokens (admins only), to write (ingestion) or to read (figures, metrics, exports): shown once, stored as SHA-256. */
export const tokenRoutes = new Hono<AppEnv>()
  .get('/', responds(tokensAnswer), async (c) => {
    const rows = await c.var.deps.db.select(tokenColumns).from(apiTokens).orderBy(desc(apiTokens.id));
    return c.json({ tokens: rows });
  })
  .post(
    '/',
    responds(postTokensAnswer, 201),
    validate(
      'json',
      z.object({
        name: z.string().trim().min(1).max(100),
        /** `ingest` writes leads, touches and spend; `read` reads figures, metrics and exports. */
        scope: z.enum(['ingest', 'read']).default('ingest'),
      }),
    ),
    async (c) => {
      const { name, scope } = c.req.valid('json');
      // The prefix tells the two kinds apart at a glance: sri_ writes, srr_ reads.
      const token = newToken(scope === 'read' ? 'srr' : 'sri');
      const [row] = await c.var.deps.db
        .insert(apiTokens)
        .values({
          name,
          scope,
          tokenHash: hashToken(token),
          prefix: token.slice(0, 12),
          createdBy: c.var.user.id,
        })
        .returning(tokenColumns);
      const created = defined(row);
      await audit(c.var.deps.db, c.var.user.id, 'token.create', `token:${created.id}`, {
        name,
        scope,
        prefix: created.prefix,
      });
      // The only time the token itself is shown: the table keeps its hash.
      return c.json({ ...created, token }, 201);
    },
  )
  .delete('/:id', responds(deleteTokensIdAnswer), validate('param', z.object({ id: rowId })), async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.var.deps;
    const revoked = await db
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (revoked.length > 0) await audit(db, c.var.user.id, 'token.revoke', `token:${id}`);
    const [row] = await db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.id, id));
    if (!row) throw new AppError('not_found', `no API token ${id}`);
    return c.json(row);
  });
