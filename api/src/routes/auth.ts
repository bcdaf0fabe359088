import { users } from '@salesready/db/schema/index';
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../auth/password';
import { createSession, deleteSession, sessionCookie } from '../auth/sessions';
import { type AppEnv, demoAccount } from '../context';
import { AppError } from '../errors';
import { requireSession } from '../middleware/require-session';
import { validate } from '../middleware/validate';

const credentials = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

const setupBody = credentials.extend({
  password: z.string().min(10, 'use at least 10 characters').max(200),
  name: z.string().trim().max(100).default(''),
});

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword('decoy-password-for-unknown-emails');

export const authRoutes = new Hono<AppEnv>()
  .get('/status', async (c) => {
    const { db, demo } = c.var.deps;
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    return c.json({ needsSetup: (row?.n ?? 0) === 0, demoAccount: demo ? demoAccount : null });
  })
  .post('/setup', validate('json', setupBody), async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    const passwordHash = await hashPassword(body.password);
    // Only the very first account can be made this way; the insert checks in the same statement.
    const created = await db.execute(sql`
      insert into users (email, name, password_hash, role)
      select ${body.email}, ${body.name}, ${passwordHash}, 'admin'
      where not exists (select 1 from users)
      returning id`);
    const id = (created as unknown as { rows: { id: number }[] }).rows[0]?.id;
    if (!id) throw new AppError('conflict', 'an admin account already exists; sign in instead');
    await startSession(c, id);
    return c.json({ user: { id, email: body.email, name: body.name, role: 'admin' as const } }, 201);
  })
  .post('/login', validate('json', credentials), async (c) => {
    const { db } = c.var.deps;
    const { email, password } = c.req.valid('json');
    const [user] = await db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email));
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
    if (!user || !ok || !user.active) throw new AppError('unauthorized', 'wrong email or password');
    await startSession(c, user.id);
    return c.json({ user: { id: user.id, email: user.email, name: user.name, role: user.role } });
  })
  .post('/logout', async (c) => {
    const token = getCookie(c, sessionCookie);
    if (token) await deleteSession(c.var.deps.db, token);
    deleteCookie(c, sessionCookie, { path: '/' });
    return c.json({ ok: true });
  })
  .get('/me', requireSession, (c) => c.json({ user: c.var.user }));

async function startSession(c: Parameters<typeof requireSession>[0], userId: number): Promise<void> {
  const { token, expiresAt } = await createSession(c.var.deps.db, userId);
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.secureCookies ?? false,
    path: '/',
    expires: expiresAt,
  });
}
