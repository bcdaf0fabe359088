import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { parseQuarter } from '@salesready/db/periods';
import { shareLinks, users } from '@salesready/db/schema/index';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { hashToken, newToken } from '../auth/tokens';
import { AppError } from '../errors';

export const shareLinkDays = { min: 1, max: 90 } as const;

const linkColumns = {
  id: shareLinks.id,
  quarter: shareLinks.quarter,
  label: shareLinks.label,
  createdAt: shareLinks.createdAt,
  expiresAt: shareLinks.expiresAt,
  revokedAt: shareLinks.revokedAt,
  lastOpenedAt: shareLinks.lastOpenedAt,
  opens: shareLinks.opens,
  createdBy: sql<string | null>`coalesce(nullif(${users.name}, ''), ${users.email})`,
};

export type ShareLink = {
  id: number;
  quarter: string;
  label: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastOpenedAt: Date | null;
  opens: number;
  createdBy: string | null;
};

export async function listShareLinks(db: Database, quarter?: string): Promise<ShareLink[]> {
  return db
    .select(linkColumns)
    .from(shareLinks)
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .where(quarter ? eq(shareLinks.quarter, quarter) : undefined)
    .orderBy(desc(shareLinks.id));
}

async function oneLink(db: Database, id: number): Promise<ShareLink | undefined> {
  const [row] = await db
    .select(linkColumns)
    .from(shareLinks)
    .leftJoin(users, eq(users.id, shareLinks.createdBy))
    .where(eq(shareLinks.id, id));
  return row;
}

/**
 * A new link: 32 random bytes, of which only the SHA-256 is kept, so the link itself is shown once
 * and a copy of the table opens nothing.
 */
export async function createShareLink(
  db: Database,
  input: { quarter: string; days: number; label: string },
  userId: number | null,
  now = new Date(),
): Promise<ShareLink & { token: string }> {
  const token = newToken('srl');
  const [row] = await db
    .insert(shareLinks)
    .values({
      tokenHash: hashToken(token),
      quarter: input.quarter,
      label: input.label,
      createdBy: userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.days * 86_400_000),
    })
    .returning({ id: shareLinks.id });
  return { ...defined(await oneLink(db, defined(row).id)), token };
}

export async function revokeShareLink(
  db: Database,
  id: number,
): Promise<{ link: ShareLink; revoked: boolean }> {
  const revoked = await db
    .update(shareLinks)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(shareLinks.id, id), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  const link = await oneLink(db, id);
  if (!link) throw new AppError('not_found', `no share link ${id}`);
  return { link, revoked: revoked.length > 0 };
}

// One answer for unknown, forged, expired and revoked links: a visitor learns nothing by trying.
export const noShareLink = () => new AppError('not_found', 'this link does not exist or is no longer valid');

/** The link a token opens, counted as opened; a link that is not live throws the uniform 404. */
export async function openShareLink(
  db: Database,
  token: string,
  now = new Date(),
): Promise<{ id: number; quarter: string; expiresAt: Date }> {
  if (!/^srl_[A-Za-z0-9_-]{43}$/.test(token)) throw noShareLink();
  const [row] = await db
    .update(shareLinks)
    .set({ lastOpenedAt: now, opens: sql`${shareLinks.opens} + 1` })
    .where(
      and(
        eq(shareLinks.tokenHash, hashToken(token)),
        isNull(shareLinks.revokedAt),
        gt(shareLinks.expiresAt, now),
      ),
    )
    .returning({ id: shareLinks.id, quarter: shareLinks.quarter, expiresAt: shareLinks.expiresAt });
  // A link made before quarters were checked may name one outside the supported years: it opens nothing.
  if (!row || !parseQuarter(row.quarter)) throw noShareLink();
  return row;
}
