import { defined } from '@salesready/db/defined';
import { authSettings, users } from '@salesready/db/schema/index';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { audit } from '../audit';
import { claimInvite, inviteProblemMessage, inviteState } from '../auth/invites';
import { hashPassword, needsRehash, verifyPassword } from '../auth/password';
import { requireStrongPassword } from '../auth/password-strength';
import { secretBox } from '../auth/secrets';
import { deleteSession, deleteUserSessions, listSessions, sessionCookie } from '../auth/sessions';
import { startSession } from '../auth/start-session';
import {
  checkTotp,
  createPendingSignIn,
  disableTotp,
  enableTotp,
  endPendingSignIn,
  looksLikeRecoveryCode,
  pendingCookie,
  pendingUser,
  recoveryCodesLeft,
  startTotpSetup,
  useRecoveryCode,
} from '../auth/two-factor';
import { type AppEnv, demoAccount } from '../context';
import { AppError } from '../errors';
import {
  clientAddress,
  limitAttempt,
  signInAccountLimit,
  signInAddressLimit,
  signInLimit,
} from '../middleware/rate-limit';
import { requireSession } from '../middleware/require-session';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import {
  inviteAcceptedAnswer,
  loginAnswer,
  meAnswer,
  passwordChangedAnswer,
  sessionsAnswer,
  sessionsRevokedAnswer,
  setupAnswer,
  statusAnswer,
  totpAnswer,
  totpEnabledAnswer,
  totpSetupAnswer,
  totpVerifiedAnswer,
} from '../schemas/auth-answers';
import { okAnswer } from '../schemas/responses';

const email = z.string().trim().toLowerCase().email().max(254);
const newPassword = z.string().min(10, 'use at least 10 characters').max(200);

const credentials = z.object({ email, password: z.string().min(1).max(200) });

const setupBody = credentials.extend({
  password: newPassword,
  name: z.string().trim().max(100).default(''),
});

const acceptInviteBody = z.object({
  token: z.string().trim().min(1).max(200),
  password: newPassword,
  name: z.string().trim().min(1).max(100).optional(),
});

const passwordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword });

const codeBody = z.object({
  code: z
    .string()
    .trim()
    .min(6, 'give the six-digit code from your authenticator app, or a recovery code')
    .max(40),
});

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword('decoy-password-for-unknown-emails');

const publicUser = { id: users.id, email: users.email, name: users.name, role: users.role };

export const authRoutes = new Hono<AppEnv>()
  .get('/status', responds(statusAnswer), async (c) => {
    const { db } = c.var.deps;
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    return c.json({ needsSetup: (row?.n ?? 0) === 0, demoAccount: isDemo(c) ? demoAccount : null });
  })
  .post('/setup', validate('json', setupBody), responds(setupAnswer, 201), async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    await limitAttempt(c, signInLimit, `setup:${clientAddress(c)}:${body.email}`);
    await requireStrongPassword(body.password, 'password', body);
    const passwordHash = await hashPassword(body.password);
    // Only the very first account can be made this way; the insert checks in the same statement.
    const created = await db.execute(sql`
      insert into users (email, name, password_hash, role, last_sign_in_at)
      select ${body.email}, ${body.name}, ${passwordHash}, 'admin', now()
      where not exists (select 1 from users)
      returning id`);
    const id = (created as unknown as { rows: { id: number }[] }).rows[0]?.id;
    if (!id) throw new AppError('conflict', 'an admin account already exists; sign in instead');
    await startSession(c, id);
    await audit(db, id, 'auth.setup', `user:${id}`, { ip: clientAddress(c) });
    return c.json({ user: { id, email: body.email, name: body.name, role: 'admin' as const } }, 201);
  })
  .post('/login', responds(loginAnswer), validate('json', credentials), async (c) => {
    const { db } = c.var.deps;
    const { email, password } = c.req.valid('json');
    const ip = clientAddress(c);
    // Three counts: this address and email, the account from anywhere, and the address on any account.
    // A sign-in forgets the first two; the address's count only ever runs out with its window.
    const forgetPair = await limitAttempt(c, signInLimit, `sign-in:${ip}:${email}`);
    const forgetAccount = await limitAttempt(c, signInAccountLimit, `sign-in-account:${email}`);
    await limitAttempt(c, signInAddressLimit, `sign-in-address:${ip}`);
    const [user] = await db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email));
    // The published demo password opens nothing outside the loopback demo, whatever the database holds.
    const demoCredentials = email === demoAccount.email && password === demoAccount.password;
    const hash = user?.passwordHash ?? null;
    // An invited user has no password yet: the decoy is checked, and never lets anyone in.
    const ok = (await verifyPassword(password, hash ?? (await decoyHash))) && hash !== null;
    if (!user || !ok || !user.active || (demoCredentials && !isDemo(c))) {
      const reason = !user
        ? 'unknown email'
        : demoCredentials && !isDemo(c)
          ? 'demo account outside the loopback demo'
          : !hash
            ? 'invitation not accepted'
            : !ok
              ? 'wrong password'
              : 'deactivated';
      await audit(db, user?.id ?? null, 'auth.sign_in_failed', email, { ip, reason });
      throw new AppError('unauthorized', 'wrong email or password');
    }
    if (user.ssoSubject) {
      const [company] = await db.select({ password: authSettings.ssoPasswordSignIn }).from(authSettings);
      if (company && !company.password) {
        await audit(db, user.id, 'auth.sign_in_failed', email, {
          ip,
          reason: 'password sign-in off for SSO users',
        });
        throw new AppError(
          'forbidden',
          'your company signs you in through single sign-on: use “Continue with single sign-on” instead of a password',
        );
      }
    }
    await forgetPair();
    await forgetAccount();
    // Hashes made with weaker parameters than today's are made again while the password is at hand;
    // only if nobody changed it in between.
    if (hash && needsRehash(hash)) {
      const upgraded = await db
        .update(users)
        .set({ passwordHash: await hashPassword(password) })
        .where(and(eq(users.id, user.id), eq(users.passwordHash, hash)))
        .returning({ id: users.id });
      if (upgraded.length > 0) await audit(db, user.id, 'auth.password_rehash', `user:${user.id}`, {});
    }
    if (user.totpEnabledAt) {
      // The password was right; the session waits for the second factor (POST /api/auth/totp/verify).
      const pending = await createPendingSignIn(db, user.id);
      setCookie(c, pendingCookie, pending.token, {
        httpOnly: true,
        sameSite: 'Strict',
        secure: c.var.deps.secureCookies ?? c.var.publicOrigin?.protocol === 'https:',
        path: '/api/auth/totp',
        expires: pending.expiresAt,
      });
      await audit(db, user.id, 'auth.second_factor_asked', `user:${user.id}`, { ip });
      return c.json({ secondFactor: 'totp' as const });
    }
    await startSession(c, user.id);
    await db.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, user.id));
    await audit(db, user.id, 'auth.sign_in', `user:${user.id}`, { ip });
    return c.json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } });
  })
  .post('/totp/verify', validate('json', codeBody), responds(totpVerifiedAnswer), async (c) => {
    const { db } = c.var.deps;
    const { code } = c.req.valid('json');
    const ip = clientAddress(c);
    const token = getCookie(c, pendingCookie);
    const userId = token ? await pendingUser(db, token) : null;
    await limitAttempt(c, signInAddressLimit, `sign-in-address:${ip}`);
    if (!token || userId === null) {
      throw new AppError(
        'unauthorized',
        'this sign-in has expired or was never started: sign in with your password again',
      );
    }
    const forget = await limitAttempt(c, signInLimit, `totp-verify:${userId}`);
    const recovery = looksLikeRecoveryCode(code);
    const ok = recovery
      ? await useRecoveryCode(db, userId, code)
      : await checkTotp(db, secretBox(c.var.deps), userId, code);
    if (!ok) {
      await audit(db, userId, 'auth.totp_failed', `user:${userId}`, {
        ip,
        kind: recovery ? 'recovery code' : 'totp',
      });
      throw new AppError(
        'unauthorized',
        recovery ? 'that recovery code is wrong or was used already' : 'wrong code',
        [
          {
            path: 'code',
            message: recovery
              ? 'is wrong or was used already'
              : 'is not the current code of your authenticator app',
          },
        ],
      );
    }
    await forget();
    await endPendingSignIn(db, token);
    deleteCookie(c, pendingCookie, { path: '/api/auth/totp' });
    await startSession(c, userId);
    await db.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, userId));
    await audit(db, userId, 'auth.sign_in', `user:${userId}`, {
      ip,
      secondFactor: recovery ? 'recovery code' : 'totp',
    });
    // The pending sign-in named this user a moment ago.
    const [user] = await db.select(publicUser).from(users).where(eq(users.id, userId));
    return c.json({
      user: defined(user),
      ...(recovery && { recoveryCodesLeft: await recoveryCodesLeft(db, userId) }),
    });
  })
  .get('/totp', responds(totpAnswer), requireSession, async (c) => {
    const { db } = c.var.deps;
    const { id, totp, mustSetUpTotp } = c.var.user;
    const [company] = await db.select({ required: authSettings.adminTwoFactorRequired }).from(authSettings);
    return c.json({
      enabled: totp,
      required: c.var.user.role === 'admin' && Boolean(company?.required),
      mustSetUp: mustSetUpTotp,
      recoveryCodesLeft: totp ? await recoveryCodesLeft(db, id) : 0,
      canStoreSecrets: secretBox(c.var.deps).canSeal,
    });
  })
  .post('/totp/setup', responds(totpSetupAnswer), requireSession, async (c) => {
    const { db } = c.var.deps;
    const user = c.var.user;
    if (user.totp) {
      throw new AppError(
        'conflict',
        'two-factor sign-in is already on; turn it off first to set up another app',
      );
    }
    const setup = await startTotpSetup(db, secretBox(c.var.deps), user);
    await audit(db, user.id, 'auth.totp_setup', `user:${user.id}`);
    return c.json(setup);
  })
  .post(
    '/totp/enable',
    responds(totpEnabledAnswer),
    requireSession,
    validate('json', codeBody),
    async (c) => {
      const { db } = c.var.deps;
      const user = c.var.user;
      const forget = await limitAttempt(c, signInLimit, `totp-enable:${user.id}`);
      if (user.totp) throw new AppError('conflict', 'two-factor sign-in is already on');
      const [row] = await db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, user.id));
      if (!row?.secret) {
        throw new AppError(
          'conflict',
          'start the set-up first (POST /api/auth/totp/setup), then give a code',
        );
      }
      if (!(await checkTotp(db, secretBox(c.var.deps), user.id, c.req.valid('json').code))) {
        await audit(db, user.id, 'auth.totp_enable_failed', `user:${user.id}`, { ip: clientAddress(c) });
        throw new AppError('bad_request', 'that is not the current code of your authenticator app', [
          { path: 'code', message: 'is not the current code of your authenticator app' },
        ]);
      }
      await forget();
      const recoveryCodes = await enableTotp(db, user.id);
      await audit(db, user.id, 'auth.totp_enable', `user:${user.id}`, {
        recoveryCodes: recoveryCodes.length,
      });
      return c.json({ recoveryCodes });
    },
  )
  .post('/totp/disable', responds(okAnswer), requireSession, validate('json', codeBody), async (c) => {
    const { db } = c.var.deps;
    const user = c.var.user;
    if (!user.totp) throw new AppError('conflict', 'two-factor sign-in is not on');
    const [company] = await db.select({ required: authSettings.adminTwoFactorRequired }).from(authSettings);
    if (user.role === 'admin' && company?.required) {
      throw new AppError('conflict', 'two-factor sign-in is required for admins: it cannot be turned off');
    }
    await limitAttempt(c, signInLimit, `totp-disable:${user.id}`);
    const { code } = c.req.valid('json');
    const ok = looksLikeRecoveryCode(code)
      ? await useRecoveryCode(db, user.id, code)
      : await checkTotp(db, secretBox(c.var.deps), user.id, code);
    if (!ok) {
      await audit(db, user.id, 'auth.totp_disable_failed', `user:${user.id}`, { ip: clientAddress(c) });
      throw new AppError('bad_request', 'that code is wrong', [{ path: 'code', message: 'is wrong' }]);
    }
    await disableTotp(db, user.id);
    await audit(db, user.id, 'auth.totp_disable', `user:${user.id}`);
    return c.json({ ok: true });
  })
  .post('/accept-invite', responds(inviteAcceptedAnswer), validate('json', acceptInviteBody), async (c) => {
    const { db } = c.var.deps;
    const { token, password, name } = c.req.valid('json');
    const ip = clientAddress(c);
    const state = await inviteState(db, token);
    // Per address and invitee; bad tokens from one address share a count.
    await limitAttempt(c, signInLimit, `accept-invite:${ip}:${'userId' in state ? state.userId : '?'}`);
    const refuse = (problem: keyof typeof inviteProblemMessage) =>
      new AppError('bad_request', inviteProblemMessage[problem], [
        { path: 'token', message: inviteProblemMessage[problem] },
      ]);
    if ('problem' in state) throw refuse(state.problem);
    const [invitee] = await db.select(publicUser).from(users).where(eq(users.id, state.userId));
    await requireStrongPassword(password, 'password', {
      email: invitee?.email,
      name: name ?? invitee?.name,
    });
    const passwordHash = await hashPassword(password);
    const user = await db.transaction(async (tx) => {
      const claimed = await claimInvite(tx as typeof db, token);
      if ('problem' in claimed) throw refuse(claimed.problem);
      const [row] = await tx
        .update(users)
        .set({ passwordHash, active: true, lastSignInAt: sql`now()`, ...(name && { name }) })
        .where(and(eq(users.id, claimed.userId), isNull(users.passwordHash)))
        .returning(publicUser);
      if (!row) throw refuse('used');
      return row;
    });
    await startSession(c, user.id);
    await audit(db, user.id, 'user.invite_accept', `user:${user.id}`, { ip });
    return c.json({ user });
  })
  .post('/logout', responds(okAnswer), async (c) => {
    const { db } = c.var.deps;
    const token = getCookie(c, sessionCookie);
    const userId = token ? await deleteSession(db, token) : null;
    if (userId !== null) await audit(db, userId, 'auth.sign_out', `user:${userId}`);
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.json({ ok: true });
  })
  .get('/me', responds(meAnswer), requireSession, (c) => c.json({ user: c.var.user }))
  .post(
    '/password',
    responds(passwordChangedAnswer),
    requireSession,
    validate('json', passwordBody),
    async (c) => {
      const { db } = c.var.deps;
      const { currentPassword, newPassword } = c.req.valid('json');
      const { id } = c.var.user;
      // A stolen session must not be a way to guess the password.
      const forget = await limitAttempt(c, signInLimit, `password:${id}`);
      const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
      if (!row?.hash || !(await verifyPassword(currentPassword, row.hash))) {
        await audit(db, id, 'auth.password_change_failed', `user:${id}`, { ip: clientAddress(c) });
        throw new AppError('bad_request', 'the current password is wrong', [
          { path: 'currentPassword', message: 'is wrong' },
        ]);
      }
      await forget();
      await requireStrongPassword(newPassword, 'newPassword', c.var.user);
      await db
        .update(users)
        .set({ passwordHash: await hashPassword(newPassword) })
        .where(eq(users.id, id));
      const revokedSessions = await deleteUserSessions(db, id, getCookie(c, sessionCookie));
      await audit(db, id, 'auth.password_change', `user:${id}`, { revokedSessions });
      return c.json({ ok: true, revokedSessions });
    },
  )
  .get('/sessions', responds(sessionsAnswer), requireSession, async (c) => {
    const sessions = await listSessions(c.var.deps.db, c.var.user.id, getCookie(c, sessionCookie) ?? '');
    return c.json({ sessions });
  })
  .post('/sessions/revoke-all', responds(sessionsRevokedAnswer), requireSession, async (c) => {
    const { db } = c.var.deps;
    const { id } = c.var.user;
    const revoked = await deleteUserSessions(db, id);
    deleteCookie(c, sessionCookie, { path: '/' });
    await audit(db, id, 'auth.sessions_revoke_all', `user:${id}`, { revoked });
    return c.json({ revoked });
  });

/** The loopback demo: only then does the demo account exist, sign in, and show on the login page. */
function isDemo(c: Context<AppEnv>): boolean {
  return c.var.deps.demo && c.var.publicOrigin === null;
}
