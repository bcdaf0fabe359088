import { defined } from '@salesready/db/defined';
import { ssoStates, users } from '@salesready/db/schema/index';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { audit } from '../audit';
import { secretBox } from '../auth/secrets';
import { discover, readSsoSettings, roleFromGroups, ssoFailureMessage } from '../auth/sso';
import { startSession } from '../auth/start-session';
import { hashToken } from '../auth/tokens';
import type { AppEnv } from '../context';
import { clientAddress, limitAttempt, signInAddressLimit } from '../middleware/rate-limit';
import { redirects } from '../middleware/responds';
import { validate } from '../middleware/validate';

const stateLifetimeMs = 10 * 60 * 1000;

/** Where the provider sends the browser back: this app's origin (PUBLIC_URL, else the request's). */
function redirectUri(c: Context<AppEnv>): string {
  const origin = c.var.publicOrigin?.origin ?? new URL(c.req.url).origin;
  return `${origin}/api/auth/sso/callback`;
}

/** Back to the sign-in page with a message a person understands. */
const toLogin = (c: Context<AppEnv>, message: string) =>
  c.redirect(`/login?error=${encodeURIComponent(message)}`, 302);

export const ssoRoutes = new Hono<AppEnv>()
  .get(
    '/start',
    redirects('to the identity provider, or back to /login?error=… saying why not'),
    validate('query', z.object({ email: z.string().trim().toLowerCase().email().max(254) }).strict()),
    async (c) => {
      const { db } = c.var.deps;
      const { email } = c.req.valid('query');
      await limitAttempt(c, signInAddressLimit, `sign-in-address:${clientAddress(c)}`);
      const settings = await readSsoSettings(db, secretBox(c.var.deps));
      if (!settings)
        return toLogin(c, 'Single sign-on is not set up for this company: sign in with your password.');
      const domain = email.split('@')[1] ?? '';
      if (!settings.allowedDomains.includes(domain)) {
        return toLogin(
          c,
          `${domain} addresses do not sign in through single sign-on here: use your password.`,
        );
      }
      let config: oidc.Configuration;
      try {
        config = await discover(settings, { fetch: c.var.deps.ssoFetch });
      } catch (error) {
        await audit(db, null, 'auth.sso_failed', email, {
          reason: `discovery: ${(error as Error).message}`.slice(0, 200),
        });
        return toLogin(
          c,
          'The identity provider could not be reached. Try again shortly, or tell your admin.',
        );
      }
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      await db.delete(ssoStates).where(lt(ssoStates.expiresAt, sql`now()`));
      await db.insert(ssoStates).values({
        stateHash: hashToken(state),
        codeVerifier,
        nonce,
        expiresAt: new Date(Date.now() + stateLifetimeMs),
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(c),
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        login_hint: email,
      });
      return c.redirect(url.href, 302);
    },
  )
  // The provider's redirect: parameters beyond code and state (providers add `iss`, `session_state`) are read
  // by the client library, never refused.
  .get(
    '/callback',
    redirects('to the app, signed in, or back to /login?error=… saying why not'),
    async (c) => {
      const { db } = c.var.deps;
      const ip = clientAddress(c);
      await limitAttempt(c, signInAddressLimit, `sign-in-address:${ip}`);
      const query = c.req.query();
      const fail = async (
        reason: string,
        message: string,
        userId: number | null = null,
        target: string | null = null,
      ) => {
        await audit(db, userId, 'auth.sso_failed', target, { ip, reason });
        return toLogin(c, message);
      };
      if (query.error) {
        return fail(
          `provider: ${query.error}`.slice(0, 200),
          'The identity provider did not sign you in. Try again, or use your password.',
        );
      }
      if (!query.code || !query.state)
        return fail('missing code or state', 'That sign-in link is incomplete: start again.');
      // Each state opens one sign-in: it is marked used before anything else happens.
      const [flight] = await db
        .update(ssoStates)
        .set({ usedAt: sql`now()` })
        .where(
          and(
            eq(ssoStates.stateHash, hashToken(query.state)),
            isNull(ssoStates.usedAt),
            gt(ssoStates.expiresAt, sql`now()`),
          ),
        )
        .returning();
      if (!flight) {
        const [seen] = await db
          .select({ usedAt: ssoStates.usedAt })
          .from(ssoStates)
          .where(eq(ssoStates.stateHash, hashToken(query.state)));
        return seen?.usedAt
          ? fail('replayed state', 'That sign-in link was already used. Start again from the sign-in page.')
          : fail(
              'unknown or expired state',
              'That sign-in link is unknown or has expired. Start again from the sign-in page.',
            );
      }
      const settings = await readSsoSettings(db, secretBox(c.var.deps));
      if (!settings) return fail('sso not set up', 'Single sign-on is not set up for this company.');
      let claims: oidc.IDToken & Record<string, unknown>;
      try {
        const config = await discover(settings, { fetch: c.var.deps.ssoFetch });
        const current = new URL(redirectUri(c));
        current.search = new URL(c.req.url).search;
        const tokens = await oidc.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flight.codeVerifier,
          expectedState: query.state,
          expectedNonce: flight.nonce,
          idTokenExpected: true,
        });
        const idClaims = tokens.claims();
        if (!idClaims) throw new Error('no ID token');
        claims = idClaims;
        // Providers may keep email, name and groups for the userinfo endpoint (OpenID Connect Core 5.4).
        if (typeof claims.email !== 'string') {
          const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          claims = {
            ...info,
            ...idClaims,
            email: info.email,
            email_verified: info.email_verified,
            name: info.name,
            groups: info.groups,
          };
        }
      } catch (error) {
        const { reason, message } = ssoFailureMessage(error);
        return fail(reason, message);
      }
      const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
      if (!email || claims.email_verified === false) {
        return fail(
          'no verified email',
          'Your identity provider did not give a verified email address.',
          null,
          claims.sub,
        );
      }
      const domain = email.split('@')[1] ?? '';
      if (!settings.allowedDomains.includes(domain)) {
        return fail(`domain ${domain} not allowed`, `${domain} addresses may not sign in here.`, null, email);
      }
      const subject = `${claims.iss} ${claims.sub}`;
      const groupRole = roleFromGroups(claims.groups, settings);
      const [existing] = await db
        .select()
        .from(users)
        .where(sql`${users.ssoSubject} = ${subject} or lower(${users.email}) = ${email}`)
        .orderBy(sql`${users.ssoSubject} = ${subject} desc nulls last`)
        .limit(1);
      let userId: number;
      if (existing) {
        if (!existing.active)
          return fail(
            'deactivated',
            'Your SalesReady account is deactivated: ask an admin.',
            existing.id,
            email,
          );
        if (existing.ssoSubject && existing.ssoSubject !== subject) {
          return fail(
            'email linked to another SSO identity',
            'This email is linked to another single sign-on identity: ask an admin.',
            existing.id,
            email,
          );
        }
        await db
          .update(users)
          .set({ ssoSubject: subject, lastSignInAt: sql`now()`, ...(groupRole && { role: groupRole }) })
          .where(eq(users.id, existing.id));
        userId = existing.id;
        if (groupRole && groupRole !== existing.role) {
          await audit(db, userId, 'user.role_change', `user:${userId}`, {
            from: existing.role,
            to: groupRole,
            by: 'sso groups',
          });
        }
      } else {
        const role = groupRole ?? settings.defaultRole;
        const name = typeof claims.name === 'string' ? claims.name.slice(0, 100) : '';
        const [created] = await db
          .insert(users)
          .values({ email, name, role, ssoSubject: subject, lastSignInAt: sql`now()` })
          .returning({ id: users.id });
        userId = defined(created).id;
        await audit(db, userId, 'user.create_sso', `user:${userId}`, { role });
      }
      await startSession(c, userId);
      await audit(db, userId, 'auth.sign_in', `user:${userId}`, { ip, method: 'sso' });
      return c.redirect('/', 302);
    },
  );

export const ssoSettingsBody = z
  .object({
    issuer: z.string().trim().url().max(500),
    clientId: z.string().trim().min(1).max(500),
    clientSecret: z.string().min(1).max(2000),
    allowedDomains: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a domain such as example.com'),
      )
      .min(1, 'name at least one email domain')
      .max(50),
    defaultRole: z.enum(['admin', 'executive', 'board']),
    groupRoles: z.record(z.string().min(1).max(200), z.enum(['admin', 'executive', 'board'])).optional(),
    passwordSignIn: z.boolean(),
  })
  .strict();
