import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors';

/** zod validation at the edge of a route; failures become a 400 naming each parameter at fault. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const details = result.error.issues.map((issue) => ({
        path: issue.path.join('.') || target,
        message: issue.message,
      }));
      const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      throw new AppError('bad_request', `invalid ${target}: ${summary}`, details);
    }
  });
}
