import type { createApp } from '@salesready/api/app';
import { type ResponseSpec, responseSpec } from '@salesready/api/middleware/responds';
import { defined } from '@salesready/db/defined';
import { expect } from 'vitest';

type App = ReturnType<typeof createApp>;
// biome-ignore lint/suspicious/noExplicitAny: answers are read by path, as a client of the JSON would
type Json = any;

/** The answer a route declares with `responds`, as the OpenAPI document reads it off the app. */
export function declaredAnswer(app: App, method: string, path: string): ResponseSpec | undefined {
  for (const route of app.routes) {
    if (route.method !== method || route.path !== path) continue;
    const spec = (route.handler as unknown as Record<symbol, ResponseSpec | undefined>)[responseSpec];
    if (spec) return spec;
  }
  return undefined;
}

export interface Caller {
  /** Calls `url` (an instance of the route `path`) and parses the answer with the declared schema. */
  call: (method: string, path: string, url: string, init?: RequestInit & { json?: unknown }) => Promise<Json>;
  /** `METHOD /path` of every route whose answer was parsed. */
  checked: Set<string>;
}

/**
 * Checks real answers against the declared ones: the status, and a parse with the declared zod schema
 * that must give back the very answer (an object schema drops fields it does not name, so a field the
 * document leaves out fails here too).
 */
export function answerChecker(app: App, headers: () => Record<string, string>): Caller {
  const checked = new Set<string>();
  return {
    checked,
    async call(method, path, url, init = {}) {
      const { json, ...rest } = init;
      const res = await app.request(url, {
        method,
        ...rest,
        headers: {
          origin: 'http://localhost',
          ...headers(),
          ...(json !== undefined && { 'content-type': 'application/json' }),
          ...(rest.headers as Record<string, string>),
        },
        ...(json !== undefined && { body: JSON.stringify(json) }),
      });
      const key = `${method} ${path}`;
      const declared = declaredAnswer(app, method, path);
      const text = await res.text();
      expect(declared, `${key} declares no answer`).toBeDefined();
      const spec = defined(declared);
      expect(res.status, `${key}: ${text.slice(0, 500)}`).toBe(spec.status);
      checked.add(key);
      if (!spec.schema) return text;
      const body = JSON.parse(text);
      const parsed = spec.schema.safeParse(body);
      expect(parsed.error?.issues, `${key} answered outside its schema`).toBeUndefined();
      expect(parsed.data, `${key} answered fields its schema does not name`).toEqual(body);
      return body;
    },
  };
}
