import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { AppError } from '../errors';

/** What the OpenAPI document reads off a route's validator: the same schema that validates it. */
export interface ValidatorSpec {
  target: keyof ValidationTargets;
  schema: z.ZodType;
}

export const validatorSpec = Symbol('validatorSpec');

/** The path of the first string holding a NUL character, which no PostgreSQL text can store. */
function nulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPath(item, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(key, [...path, key]) ?? nulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

const noNul = z.unknown().superRefine((value, ctx) => {
  const path = nulPath(value);
  if (path) ctx.addIssue({ code: 'custom', path, message: 'may not contain the NUL character (\\u0000)' });
});

/** zod validation at the edge of a route; failures become a 400 naming each parameter at fault. */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  // Typed as the route's own schema: the guard in front only refuses, it never changes a value.
  const guarded = noNul.pipe(schema) as unknown as T;
  const middleware = zValidator(target, guarded, (result) => {
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
