import { users } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { requireSession } from './require-session';
import { bearerToken, liveToken } from './require-token';

/**
 * The read routes (figures, metrics, exports, periods): a signed-in user, or a script, spreadsheet or
 * BI tool with a read token. A token reads as the board does (everything, changes nothing), in the
 * name of the admin who made it, so exports it takes are audited to someone.
 */
export const sessionOrReadToken = createMiddleware<AppEnv>(async (c, next) => {
  const secret = bearerToken(c.req.header('authorization'));
  if (!secret) return requireSession(c, next);
  const { db } = c.var.deps;
  const token = await liveToken(db, secret);
  if (token.scope !== 'read') {
    throw new AppError(
      'forbidden',
      'an ingestion token cannot read; make a read token in Settings → API tokens for figures, metrics and exports',
    );
  }
  const [creator] = token.createdBy
    ? await db.select({ id: users.id }).from(users).where(eq(users.id, token.createdBy))
    : [];
  if (!creator) {
    throw new AppError('unauthorized', 'the admin who made this token is no longer a user: make a new token');
  }
  c.set('user', { id: creator.id, email: `token:${token.id}`, name: token.name, role: 'board' });
  await next();
});
