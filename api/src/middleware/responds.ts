import { createMiddleware } from 'hono/factory';
import type { z } from 'zod';

/** What the OpenAPI document reads off a route's `responds`: what its success answer is. */
export interface ResponseSpec {
  status: 200 | 201 | 202 | 302;
  /** The JSON answer's schema. */
  schema?: z.ZodType;
  /** An HTML page for a person's browser: instead of JSON, or besides it when the client asks for it. */
  html?: string;
  /** A redirect, and where it leads. */
  redirect?: string;
}

export const responseSpec = Symbol('responseSpec');

const declare = (spec: ResponseSpec) =>
  Object.assign(
    createMiddleware(async (_c, next) => next()),
    { [responseSpec]: spec },
  );

/**
 * Declares the shape of a route's success answer for the OpenAPI document. It checks nothing at run
 * time: the tests parse real answers with the same schema (test/api/openapi-responses.test.ts).
 */
export function responds(schema: z.ZodType, status: 200 | 201 | 202 = 200, options: { html?: string } = {}) {
  return declare({ status, schema, ...options });
}

/** Declares a route that answers an HTML page. */
export const respondsHtml = (page: string) => declare({ status: 200, html: page });

/** Declares a route that answers by sending the browser elsewhere (302). */
export const redirects = (where: string) => declare({ status: 302, redirect: where });
