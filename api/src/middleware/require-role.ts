import type { Role } from '@salesready/db/schema/users';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';
import { AppError } from '../errors';

/** After requireSession: only these roles may go on. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!roles.includes(c.var.user.role)) {
      throw new AppError('forbidden', `this needs the ${roles.join(' or ')} role`);
    }
    await next();
  });
}
