import { createApp } from '@salesready/api/app';
import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { addUser } from './factories';
import { openTestDb } from './test-db';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  handle: DbHandle;
  close: () => Promise<void>;
}

/** The real app on a database of its own, called through app.request(). */
export async function openTestApp(options: { demo?: boolean } = {}): Promise<TestApp> {
  const handle = await openTestDb();
  const app = createApp({
    db: handle.db,
    driver: handle.driver,
    version: 'test',
    demo: options.demo ?? false,
    // A scheduler's secret, so the tick answers 401 to a missing or wrong one rather than 503.
    cronSecret: 'test-cron-secret-0123456789',
  });
  return { app, handle, close: handle.close };
}

/** Creates a user and signs in; returns the Cookie header to send. */
export async function signedInCookie(
  t: TestApp,
  email = 'ceo@example.com',
  password = 'correct horse battery',
): Promise<string> {
  await addUser(t.handle.db, email, password, 'executive');
  const res = await t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie');
  if (!cookie) throw new Error('sign-in set no cookie');
  return defined(cookie.split(';')[0]);
}

/**
 * Calls the app as a signed-in browser would (the cookie, a same-origin write) with an optional JSON
 * body; answers the response.
 */
export function signedInRequest(app: () => TestApp['app'], defaultCookie: () => string) {
  return (method: string, path: string, body?: unknown, cookie = defaultCookie()) =>
    app().request(path, {
      method,
      headers: {
        cookie,
        origin: 'http://localhost',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
}

/** As `signedInRequest`; answers the status and the parsed JSON body. */
export function jsonCaller(app: () => TestApp['app'], defaultCookie: () => string) {
  const request = signedInRequest(app, defaultCookie);
  return async (method: string, path: string, body?: unknown, cookie = defaultCookie()) => {
    const res = await request(method, path, body, cookie);
    return { status: res.status, body: await res.json() };
  };
}
