import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';

/** What the OpenAPI document reads off a route's `responds`: the schema of its success answer. */
export interface ResponseSpec {
  status: 200 | 201 | 202;
  schema: z.ZodType;
}

export const responseSpec = Symbol('responseSpec');

/**
 * Declares the shape of a route's success answer for the OpenAPI document. It checks nothing at run
 * time: the route's tests parse real answers with the same schema, so the document cannot drift.
 */
export function responds(schema: z.ZodType, status: ResponseSpec['status'] = 200) {
  const middleware = createMiddleware(async (_c, next) => next());
  return Object.assign(middleware, { [responseSpec]: { status, schema } satisfies ResponseSpec });
}
