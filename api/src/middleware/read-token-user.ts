import type { Database } from '@salesready/db/client';
import { users } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/sessions';
import { AppError } from '../errors';
import { liveToken } from './require-token';

/**
 * The reader behind a read-scoped API token: the board's rights (everything to read, nothing to
 * change), in the name of the admin who made the token, so exports it takes are audited to someone.
 */
export async function readTokenUser(db: Database, secret: string): Promise<SessionUser> {
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
  return {
    id: creator.id,
    email: `token:${token.id}`,
    name: token.name,
    role: 'board',
    totp: false,
    mustSetUpTotp: false,
  };
}
