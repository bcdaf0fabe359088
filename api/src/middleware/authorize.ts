import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { accessFor, readTokenRoute } from '../auth/role-matrix';
import { sessionCookie, userForSession } from '../auth/sessions';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { readTokenUser } from './read-token-user';
import { bearerToken } from './require-token';

/**
 * The one guard every API route passes: the role matrix (auth/role-matrix.ts) says whether the route
 * is public, takes its own credential or a share link, or which signed-in roles may call it. A request
 * no route answers goes on to the uniform 404.
 */
export const authorize = createMiddleware<AppEnv>(async (c, next) => {
  // The first route registered for the method is the one that answers (later ones, such as `/:id`, may match too).
  const handler = matchedRoutes(c).find((route) => route.method !== 'ALL');
  if (!handler) return next();
  const access = accessFor(c.req.method, handler.path);
  if (typeof access === 'string') return next();
  // A script with a read token, on the routes such a token opens (the board's reading rights).
  const secret = bearerToken(c.req.header('authorization'));
  if (secret && readTokenRoute.test(`${c.req.method === 'HEAD' ? 'GET' : c.req.method} ${handler.path}`)) {
    const reader = await readTokenUser(c.var.deps.db, secret);
    if (!access.includes(reader.role))
      throw new AppError('forbidden', `this needs the ${access.join(' or ')} role`);
    c.set('user', reader);
    return next();
  }
  const token = getCookie(c, sessionCookie);
  const user = token ? await userForSession(c.var.deps.db, token) : null;
  if (!user) throw new AppError('unauthorized', 'sign in to continue');
  if (!access.includes(user.role)) {
    throw new AppError('forbidden', `this needs the ${access.join(' or ')} role`);
  }
  if (user.mustSetUpTotp && !handler.path.startsWith('/api/auth/')) {
    throw new AppError(
      'forbidden',
      'two-factor sign-in is required for admins: turn it on in Settings → Your account first',
    );
  }
  c.set('user', user);
  await next();
});
