import { scryptSync } from 'node:crypto';
import { hashPassword, parseHash } from '@salesready/api/auth/password';
import { defined } from '@salesready/db/defined';
import { auditLog, users } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const login = (t: TestApp, email: string, password: string) =>
  t.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describeOnBackend('password hashes are upgraded on sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
    expect(process.env.PASSWORD_HASH_COST).toBe('test');
  });
  afterAll(() => t?.close());

  const storedHash = async (email: string) =>
    defined(
      defined(
        (await t.handle.db.select({ h: users.passwordHash }).from(users).where(eq(users.email, email)))[0],
      ).h,
    );

  it('signs in a user whose hash has the first format, and stores a PHC hash at the current cost', async () => {
    const salt = Buffer.from('legacy-salt-0001');
    const key = scryptSync('an old but long password', salt, 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 1024 * 1024,
    });
    const legacy = `scrypt$32768$${salt.toString('base64')}$${key.toString('base64')}`;
    await t.handle.db
      .insert(users)
      .values({ email: 'old@example.com', passwordHash: legacy, role: 'executive' });

    const wrong = await login(t, 'old@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(await storedHash('old@example.com')).toBe(legacy);

    const res = await login(t, 'old@example.com', 'an old but long password');
    expect(res.status).toBe(200);
    const upgraded = await storedHash('old@example.com');
    expect(upgraded).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    expect(parseHash(upgraded)?.params).toEqual({ ln: 10, r: 8, p: 1 });

    const again = await login(t, 'old@example.com', 'an old but long password');
    expect(again.status).toBe(200);
    // Already at the current cost: not made again.
    expect(await storedHash('old@example.com')).toBe(upgraded);
    const audits = await t.handle.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'auth.password_rehash'));
    expect(audits.map((a) => a.target)).toEqual([`user:${await idOf('old@example.com')}`]);
  });

  it('rehashes a PHC hash made with weaker parameters, and leaves a stronger one alone', async () => {
    await t.handle.db.insert(users).values([
      {
        email: 'weak@example.com',
        passwordHash: await hashPassword('weak params password', { ln: 6, r: 8, p: 1 }),
      },
      {
        email: 'strong@example.com',
        passwordHash: await hashPassword('strong params password', { ln: 11, r: 8, p: 1 }),
      },
    ]);
    expect((await login(t, 'weak@example.com', 'weak params password')).status).toBe(200);
    expect(await storedHash('weak@example.com')).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
    const strong = await storedHash('strong@example.com');
    expect((await login(t, 'strong@example.com', 'strong params password')).status).toBe(200);
    expect(await storedHash('strong@example.com')).toBe(strong);
  });

  async function idOf(email: string) {
    return defined((await t.handle.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0])
      .id;
  }
});
