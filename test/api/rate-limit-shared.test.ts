import { createApp } from '@salesready/api/app';
import { DatabaseRateLimitStore } from '@salesready/api/middleware/database-rate-limit-store';
import { selectRows } from '@salesready/db/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('rate limits counted in the database, shared by every instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t?.close());

  const windows = () =>
    selectRows<{ keyHash: string; count: number }>(
      t.handle.db,
      sql`select key_hash as "keyHash", count from rate_limit_windows order by key_hash`,
    );

  it('counts parallel attempts atomically, one count each', async () => {
    const store = new DatabaseRateLimitStore(t.handle.db);
    const hits = await Promise.all(Array.from({ length: 12 }, () => store.hit('parallel', 60_000)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    for (const h of hits) {
      expect(h.resetInMs).toBeGreaterThan(55_000);
      expect(h.resetInMs).toBeLessThanOrEqual(60_000);
    }
  });

  it('opens a new window once the last one closed, forgets a key on reset, and sweeps closed windows', async () => {
    const store = new DatabaseRateLimitStore(t.handle.db);
    expect((await store.hit('short', 200)).count).toBe(1);
    expect((await store.hit('short', 200)).count).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await store.hit('short', 200)).count).toBe(1);
    await store.hit('kept', 60_000);
    await store.hit('kept', 60_000);
    await store.reset('kept');
    expect((await store.hit('kept', 60_000)).count).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const before = (await windows()).length;
    await store.sweep();
    // 'short' closed; 'parallel' and 'kept' are still open.
    expect((await windows()).length).toBe(before - 1);
  });

  it('keeps no email or address at rest, only hashes', async () => {
    const store = new DatabaseRateLimitStore(t.handle.db);
    await store.hit('login:203.0.113.9:someone@example.com', 60_000);
    for (const w of await windows()) expect(w.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('limits sign-in across two instances of the app as one', async () => {
    await addUser(t.handle.db, 'shared@example.com', 'a long test password', 'executive');
    const instance = () =>
      createApp({
        db: t.handle.db,
        driver: t.handle.driver,
        version: 'test',
        demo: false,
        rateLimitStore: new DatabaseRateLimitStore(t.handle.db),
      });
    const [a, b] = [instance(), instance()];
    const login = (app: ReturnType<typeof instance>, password: string) =>
      app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
        body: JSON.stringify({ email: 'shared@example.com', password }),
      });
    for (let i = 0; i < 5; i++) {
      expect((await login(a, 'guess')).status).toBe(401);
      expect((await login(b, 'guess')).status).toBe(401);
    }
    const limited = await login(a, 'a long test password');
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await login(b, 'a long test password')).status).toBe(429);
  });
});
