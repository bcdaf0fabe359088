import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors';

/** What the OpenAPI document reads off a route's validator: the same schema that validates it. */
export interface ValidatorSpec {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

export const validatorSpec = Symbol('validatorSpec');

/** zod validation at the edge of a route; failures become a 400 naming each parameter at fault. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) {
      const details = result.error.issues.map((issue) => ({
        path: issue.path.join('.') || target,
        message: issue.message,
      }));
      const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
      throw new AppError('bad_request', `invalid ${target}: ${summary}`, details);
    }
  });
  return Object.assign(middleware, { [validatorSpec]: { target, schema } satisfies ValidatorSpec });
}
