import type { Database } from '@salesready/db/client';
import { type Role, sessions, users } from '@salesready/db/schema/index';
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { hashToken, newToken } from './tokens';

export const sessionCookie = 'sr_session';
const absoluteLifetimeMs = 7 * 24 * 3600 * 1000;
const idleLifetimeMs = 12 * 3600 * 1000;
// Last use is written at most this often: a dashboard fires many requests at once on one session.
const lastSeenResolutionMs = 60 * 1000;

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** Two-factor sign-in is on for this user. */
  totp: boolean;
  /** An admin without two-factor while the company requires it: only their own account's routes open. */
  mustSetUpTotp: boolean;
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
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      totp: sql<boolean>`${users.totpEnabledAt} is not null`,
      mustSetUpTotp: sql<boolean>`(${users.role} = 'admin' and ${users.totpEnabledAt} is null
        and exists (select 1 from auth_settings a where a.admin_two_factor_required))`,
      lastSeenAt: sessions.lastSeenAt,
    })
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
  const { lastSeenAt, ...user } = row;
  if (Date.now() - lastSeenAt.getTime() > lastSeenResolutionMs) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash));
  }
  return user;
}

/** Ends one session; returns whose it was, if it existed. */
export async function deleteSession(db: Database, token: string): Promise<number | null> {
  const [row] = await db
    .delete(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)))
    .returning({ userId: sessions.userId });
  return row?.userId ?? null;
}

/** Ends every session of a user, except the one whose token is `keep`; returns how many ended. */
export async function deleteUserSessions(db: Database, userId: number, keep?: string): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keep ? ne(sessions.tokenHash, hashToken(keep)) : undefined))
    .returning({ userId: sessions.userId });
  return rows.length;
}

/** A user's live sessions, newest first; `current` marks the one whose token is given. */
export async function listSessions(db: Database, userId: number, currentToken: string) {
  const currentHash = hashToken(currentToken);
  const rows = await db
    .select({
      tokenHash: sessions.tokenHash,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, new Date(Date.now() - idleLifetimeMs)),
      ),
    )
    .orderBy(desc(sessions.createdAt));
  // The token hash stays on the server: it names a session, but no client needs it.
  return rows.map(({ tokenHash, ...session }) => ({ ...session, current: tokenHash === currentHash }));
}
