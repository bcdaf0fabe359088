import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../context';
import { createSession, deleteSession, sessionCookie } from './sessions';

/** Signs in on this response: a new token every time, and the browser's previous session ends. */
export async function startSession(c: Context<AppEnv>, userId: number): Promise<void> {
  const { db } = c.var.deps;
  const previous = getCookie(c, sessionCookie);
  if (previous) await deleteSession(db, previous);
  const { token, expiresAt } = await createSession(db, userId);
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.secureCookies ?? c.var.publicOrigin?.protocol === 'https:',
    path: '/',
    expires: expiresAt,
  });
}
