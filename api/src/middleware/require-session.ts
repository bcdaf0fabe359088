import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { sessionCookie, userForSession } from '../auth/sessions';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

/** Every route behind this needs a signed-in user. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  // The role matrix's guard (authorize.ts) has already read the session.
  if (c.get('user')) return next();
  const token = getCookie(c, sessionCookie);
  const user = token ? await userForSession(c.var.deps.db, token) : null;
  if (!user) throw new AppError('unauthorized', 'sign in to continue');
  c.set('user', user);
  await next();
});
