import type { Database } from '@salesready/db/client';
import { pendingSignIns, recoveryCodes, users } from '@salesready/db/schema/index';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { totpSealContext as sealContext } from './seal-contexts';
import type { SecretBox } from './secrets';
import { hashToken, newToken } from './tokens';

/** RFC 6238 with the parameters every authenticator app reads: SHA-1, 6 digits, 30 s. */
const period = 30;
const issuer = 'SalesReady';
/** Codes of the step before and after are accepted too: phone clocks drift. */
const window = 1;
const pendingLifetimeMs = 5 * 60 * 1000;
export const pendingCookie = 'sr_2fa';
const recoveryCodeCount = 10;

function totpFor(secret: string, email: string) {
  return new TOTP({
    issuer,
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period,
    secret: Secret.fromBase32(secret),
  });
}

/** A fresh seed for a user: stored sealed, not yet enabled; returned to be shown once. */
export async function startTotpSetup(db: Database, box: SecretBox, user: { id: number; email: string }) {
  const secret = new Secret({ size: 20 }).base32;
  const sealed = await box.seal(secret, sealContext(user.id));
  await db
    .update(users)
    .set({ totpSecret: sealed, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, user.id));
  return { secret, otpauthUrl: totpFor(secret, user.email).toString() };
}

/**
 * Checks a six-digit code against the user's seed; a code is good once: the step it matched must be
 * later than the last one accepted, and is recorded in the same statement.
 */
export async function checkTotp(
  db: Database,
  box: SecretBox,
  userId: number,
  code: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const [row] = await db
    .select({ email: users.email, secret: users.totpSecret, lastStep: users.totpLastStep })
    .from(users)
    .where(eq(users.id, userId));
  if (!row?.secret) return false;
  const secret = await box.open(row.secret, sealContext(userId));
  const now = Date.now();
  const delta = totpFor(secret, row.email).validate({ token: code, timestamp: now, window });
  if (delta === null) return false;
  const step = Math.floor(now / 1000 / period) + delta;
  // Sealed under SECRETS_KEY_PREVIOUS: sealed again under the current key while it is open.
  const resealed = (await box.isStale(row.secret)) ? await box.seal(secret, sealContext(userId)) : undefined;
  const claimed = await db
    .update(users)
    .set({ totpLastStep: step, ...(resealed && { totpSecret: resealed }) })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length > 0;
}

/** Turns two-factor on and makes new recovery codes (shown once; stored as SHA-256). */
export async function enableTotp(db: Database, userId: number): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, () => {
    const raw = new Secret({ size: 10 }).base32.toLowerCase();
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
  });
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabledAt: sql`now()` }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecovery(code) })));
  });
  return codes;
}

export async function disableTotp(db: Database, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  });
}

const hashRecovery = (code: string) => hashToken(`recovery:${code.trim().toLowerCase().replace(/\s+/g, '')}`);

export const looksLikeRecoveryCode = (code: string) =>
  /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/.test(code.trim().toLowerCase());

/** Uses up one recovery code; false when it is unknown or used. */
export async function useRecoveryCode(db: Database, userId: number, code: string): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecovery(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length > 0;
}

export async function recoveryCodesLeft(db: Database, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** A password that was right, waiting for its second factor: the token goes in a short-lived cookie. */
export async function createPendingSignIn(db: Database, userId: number) {
  const token = newToken('sr2');
  const expiresAt = new Date(Date.now() + pendingLifetimeMs);
  await db.insert(pendingSignIns).values({ tokenHash: hashToken(token), userId, expiresAt });
  // Old ones are of no use to anyone.
  await db.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, sql`now()`));
  return { token, expiresAt };
}

export async function pendingUser(db: Database, token: string): Promise<number | null> {
  const [row] = await db
    .select({ userId: pendingSignIns.userId })
    .from(pendingSignIns)
    .innerJoin(users, eq(users.id, pendingSignIns.userId))
    .where(
      and(
        eq(pendingSignIns.tokenHash, hashToken(token)),
        gt(pendingSignIns.expiresAt, sql`now()`),
        eq(users.active, true),
      ),
    );
  return row?.userId ?? null;
}

export async function endPendingSignIn(db: Database, token: string): Promise<void> {
  await db.delete(pendingSignIns).where(eq(pendingSignIns.tokenHash, hashToken(token)));
}
