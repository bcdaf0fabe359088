import { authSettings } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import { ssoSealContext } from '../auth/seal-contexts';
import { secretBox } from '../auth/secrets';
import { discover, issuerProblem } from '../auth/sso';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import {
  putSettingsSecurityAnswer,
  settingsSecurityAnswer,
  settingsSsoAnswer,
} from '../schemas/auth-answers';
import { okAnswer } from '../schemas/responses';
import { ssoSettingsBody } from './sso';

/** Sign-in settings (admin; the role matrix guards them): two-factor for admins, and single sign-on. */
export const authSettingsRoutes = new Hono<AppEnv>()
  .get('/security', responds(settingsSecurityAnswer), async (c) => {
    const [row] = await c.var.deps.db
      .select({ adminTwoFactorRequired: authSettings.adminTwoFactorRequired })
      .from(authSettings);
    return c.json({ adminTwoFactorRequired: row?.adminTwoFactorRequired ?? false });
  })
  .put(
    '/security',
    responds(putSettingsSecurityAnswer),
    validate('json', z.object({ adminTwoFactorRequired: z.boolean() }).strict()),
    async (c) => {
      const { db } = c.var.deps;
      const { adminTwoFactorRequired } = c.req.valid('json');
      if (adminTwoFactorRequired && !c.var.user.totp) {
        throw new AppError(
          'conflict',
          'turn on two-factor sign-in for your own account first (Settings → Your account)',
        );
      }
      await db
        .update(authSettings)
        .set({ adminTwoFactorRequired, updatedAt: sql`now()` })
        .where(eq(authSettings.id, 1));
      await audit(db, c.var.user.id, 'settings.security_update', 'auth_settings', { adminTwoFactorRequired });
      return c.json({ adminTwoFactorRequired });
    },
  )
  .get('/sso', responds(settingsSsoAnswer), async (c) => {
    const [row] = await c.var.deps.db.select().from(authSettings);
    return c.json({
      configured: Boolean(row?.ssoIssuer),
      issuer: row?.ssoIssuer ?? null,
      clientId: row?.ssoClientId ?? null,
      // The secret never leaves the server.
      hasClientSecret: Boolean(row?.ssoClientSecret),
      allowedDomains: row?.ssoAllowedDomains ?? [],
      defaultRole: row?.ssoDefaultRole ?? 'executive',
      groupRoles: row?.ssoGroupRoles ?? {},
      passwordSignIn: row?.ssoPasswordSignIn ?? true,
    });
  })
  .put('/sso', validate('json', ssoSettingsBody), responds(okAnswer), async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    const problem = issuerProblem(body.issuer, c.var.publicOrigin);
    if (problem)
      throw new AppError('bad_request', `issuer ${problem}`, [{ path: 'issuer', message: problem }]);
    const sealed = await secretBox(c.var.deps).seal(body.clientSecret, ssoSealContext);
    try {
      await discover(body, { fetch: c.var.deps.ssoFetch });
    } catch (error) {
      const message = `no OpenID provider answered at ${body.issuer}/.well-known/openid-configuration (${(error as Error).message})`;
      throw new AppError('bad_request', message, [{ path: 'issuer', message }]);
    }
    await db
      .update(authSettings)
      .set({
        ssoIssuer: body.issuer,
        ssoClientId: body.clientId,
        ssoClientSecret: sealed,
        ssoAllowedDomains: body.allowedDomains,
        ssoDefaultRole: body.defaultRole,
        ssoGroupRoles: body.groupRoles ?? {},
        ssoPasswordSignIn: body.passwordSignIn,
        updatedAt: sql`now()`,
      })
      .where(eq(authSettings.id, 1));
    const { clientSecret: _secret, ...logged } = body;
    await audit(db, c.var.user.id, 'settings.sso_update', 'auth_settings', logged);
    return c.json({ ok: true });
  });
