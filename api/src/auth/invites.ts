import type { Database } from '@salesready/db/client';
import { invites } from '@salesready/db/schema/index';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { hashToken, newToken } from './tokens';

export const inviteLifetimeMs = 7 * 24 * 3600 * 1000;

/** A one-time invitation for a user who has no password yet; any earlier open one stops working. */
export async function createInvite(
  db: Database,
  userId: number,
  invitedBy: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken('srv');
  const expiresAt = new Date(Date.now() + inviteLifetimeMs);
  await deleteOpenInvites(db, userId);
  await db.insert(invites).values({ userId, tokenHash: hashToken(token), invitedBy, expiresAt });
  return { token, expiresAt };
}

export async function deleteOpenInvites(db: Database, userId: number): Promise<void> {
  await db.delete(invites).where(and(eq(invites.userId, userId), isNull(invites.acceptedAt)));
}

export type InviteState = { userId: number } | { problem: 'unknown' | 'used' | 'expired' };

/** What an invitation token is good for, without using it. */
export async function inviteState(db: Database, token: string): Promise<InviteState> {
  const [row] = await db
    .select({
      userId: invites.userId,
      used: sql<boolean>`${invites.acceptedAt} is not null`,
      expired: sql<boolean>`${invites.expiresAt} <= now()`,
    })
    .from(invites)
    .where(eq(invites.tokenHash, hashToken(token)));
  if (!row) return { problem: 'unknown' };
  if (row.used) return { problem: 'used' };
  if (row.expired) return { problem: 'expired' };
  return { userId: row.userId };
}

/** Uses an invitation: only one caller ever gets its user back, and only before it expires. */
export async function claimInvite(db: Database, token: string): Promise<InviteState> {
  const [claimed] = await db
    .update(invites)
    .set({ acceptedAt: sql`now()` })
    .where(
      and(
        eq(invites.tokenHash, hashToken(token)),
        isNull(invites.acceptedAt),
        gt(invites.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: invites.userId });
  return claimed ?? inviteState(db, token);
}

export const inviteProblemMessage = {
  unknown: 'this invitation link is not valid (a newer invitation may have replaced it); ask an admin',
  used: 'this invitation has already been used; sign in instead',
  expired: 'this invitation has expired; ask an admin for a new one',
} as const;
