import type { Database } from '@salesready/db/client';
import { type Role, sessions, users } from '@salesready/db/schema/index';
import { and, eq, gt, sql } from 'drizzle-orm';
import { hashToken, newToken } from './tokens';

export const sessionCookie = 'sr_session';
const absoluteLifetimeMs = 7 * 24 * 3600 * 1000;
const idleLifetimeMs = 12 * 3600 * 1000;

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export async function createSession(
  db: Database,
  userId: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken('srs');
  const expiresAt = new Date(Date.now() + absoluteLifetimeMs);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

/** The signed-in user behind a session token, or null when it is unknown, expired or idle too long. */
export async function userForSession(db: Database, token: string): Promise<SessionUser | null> {
  const tokenHash = hashToken(token);
  const idleCutoff = new Date(Date.now() - idleLifetimeMs);
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, idleCutoff),
        eq(users.active, true),
      ),
    );
  if (!row) return null;
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash));
  return row;
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
