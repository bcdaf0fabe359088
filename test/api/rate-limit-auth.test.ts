import { createApp } from '@salesready/api/app';
import { MemoryRateLimitStore, type RateLimitStore } from '@salesready/api/middleware/rate-limit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { cookieFor } from '../helpers/import-http';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: 'http://localhost', ...headers },
  body: JSON.stringify(body),
});

describeOnBackend('rate limits: sign-in, setup, invitations, ingestion', () => {
  let t: TestApp;
  const password = 'a long test password';
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t?.close());

  const login = (app: TestApp['app'], email: string, pass: string, ip = '203.0.113.1') =>
    app.request('/api/auth/login', post({ email, password: pass }, { 'x-forwarded-for': ip }));

  it('allows 10 sign-in attempts per address and email in 15 minutes, then 429 with Retry-After', async () => {
    await addUser(t.handle.db, 'target@example.com', password, 'executive');
    for (let i = 0; i < 10; i++) expect((await login(t.app, 'target@example.com', 'guess')).status).toBe(401);
    const limited = await login(t.app, 'target@example.com', password);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const { error } = await limited.json();
    expect(error).toMatchObject({
      code: 'rate_limited',
      message: 'too many attempts; try again in 15 minutes',
    });
    expect(error.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Another address, or another email from the same address, is counted apart.
    expect((await login(t.app, 'target@example.com', password, '198.51.100.7')).status).toBe(200);
    expect((await login(t.app, 'someone-else@example.com', 'guess')).status).toBe(401);
  });

  it('slows spraying: 50 sign-in attempts per address over any emails, then 429 even for a right password', async () => {
    await addUser(t.handle.db, 'sprayed@example.com', password, 'executive');
    const sprayer = '198.51.100.50';
    for (let i = 0; i < 50; i++) {
      expect((await login(t.app, `user${i}@example.com`, 'Winter2026!', sprayer)).status).toBe(401);
    }
    const limited = await login(t.app, 'sprayed@example.com', password, sprayer);
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.message).toBe('too many attempts; try again in 15 minutes');
    // The account itself is not locked: its owner elsewhere signs in.
    expect((await login(t.app, 'sprayed@example.com', password, '198.51.100.51')).status).toBe(200);
  });

  it('slows guessing one account from many addresses: 20 attempts per account, forgotten on a sign-in', async () => {
    await addUser(t.handle.db, 'victim@example.com', password, 'admin');
    for (let i = 0; i < 20; i++) {
      expect((await login(t.app, 'victim@example.com', `guess ${i}`, `10.1.0.${i}`)).status).toBe(401);
    }
    const limited = await login(t.app, 'victim@example.com', password, '10.1.0.200');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(14 * 60);

    await addUser(t.handle.db, 'owner@example.com', password, 'admin');
    for (let i = 0; i < 19; i++) await login(t.app, 'owner@example.com', `guess ${i}`, `10.2.0.${i}`);
    expect((await login(t.app, 'owner@example.com', password, '10.2.0.100')).status).toBe(200);
    for (let i = 0; i < 20; i++) {
      expect((await login(t.app, 'owner@example.com', `guess ${i}`, `10.3.0.${i}`)).status).toBe(401);
    }
    expect((await login(t.app, 'owner@example.com', 'guess', '10.3.0.99')).status).toBe(429);
  });

  it('forgets the failed attempts once the right password is given', async () => {
    await addUser(t.handle.db, 'typo@example.com', password, 'executive');
    for (let i = 0; i < 9; i++) await login(t.app, 'typo@example.com', 'typo');
    expect((await login(t.app, 'typo@example.com', password)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await login(t.app, 'typo@example.com', 'typo')).status).toBe(401);
    expect((await login(t.app, 'typo@example.com', 'typo')).status).toBe(429);
  });

  it('opens a new window once the old one has passed', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const app = createApp({
      db: t.handle.db,
      driver: t.handle.driver,
      version: 'test',
      demo: false,
      rateLimitStore: new MemoryRateLimitStore({ now: () => now }),
    });
    await addUser(t.handle.db, 'clock@example.com', password, 'board');
    for (let i = 0; i < 10; i++) await login(app, 'clock@example.com', 'nope');
    now += 14 * 60_000;
    const limited = await login(app, 'clock@example.com', password);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await limited.json()).error.message).toBe('too many attempts; try again in 60 seconds');
    now += 60_000;
    expect((await login(app, 'clock@example.com', password)).status).toBe(200);
  });

  it('uses the store the deployment plugs in', async () => {
    const keys: string[] = [];
    const memory = new MemoryRateLimitStore();
    const store: RateLimitStore = {
      hit: (key, windowMs) => {
        keys.push(key);
        return memory.hit(key, windowMs);
      },
      reset: (key) => memory.reset(key),
    };
    const app = createApp({
      db: t.handle.db,
      driver: t.handle.driver,
      version: 'test',
      demo: false,
      rateLimitStore: store,
    });
    await login(app, 'Plug@Example.com', 'whatever', '192.0.2.9');
    expect(keys).toEqual([
      'sign-in:192.0.2.9:plug@example.com',
      'sign-in-account:plug@example.com',
      'sign-in-address:192.0.2.9',
    ]);
  });

  it('limits setup and accepting invitations the same way', async () => {
    // Setup succeeds once (t's database has users by now, so every attempt is a 409), then 429.
    const setup = () =>
      t.app.request(
        '/api/auth/setup',
        post(
          { email: 'first@example.com', password: 'first admin secret' },
          { 'x-forwarded-for': '192.0.2.1' },
        ),
      );
    for (let i = 0; i < 10; i++) expect((await setup()).status).toBe(409);
    expect((await setup()).status).toBe(429);

    const accept = (token: string) =>
      t.app.request(
        '/api/auth/accept-invite',
        post({ token, password: 'a long enough secret' }, { 'x-forwarded-for': '192.0.2.2' }),
      );
    for (let i = 0; i < 10; i++) expect((await accept(`srv_guess_${i}`)).status).toBe(400);
    const limited = await accept('srv_guess_last');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('limits each API token to 600 ingestion requests a minute', async () => {
    const admin = await cookieFor(t, 'tokens@example.com', 'admin');
    const newToken = async (name: string) =>
      (await (await t.app.request('/api/tokens', post({ name }, { cookie: admin }))).json()).token as string;
    const busy = await newToken('busy');
    const quiet = await newToken('quiet');
    const ingest = (token: string) =>
      t.app.request('/api/ingest/leads', post({ leads: [] }, { authorization: `Bearer ${token}` }));
    for (let i = 0; i < 600; i++) {
      const res = await ingest(busy);
      if (res.status !== 400) expect.fail(`request ${i + 1} answered ${res.status}`);
    }
    const limited = await ingest(busy);
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await ingest(quiet)).status).toBe(400);
  });

  it('keeps the memory store bounded, dropping expired windows first', async () => {
    let now = 0;
    const store = new MemoryRateLimitStore({ now: () => now, maxKeys: 3 });
    await store.hit('a', 1000);
    now = 500;
    await store.hit('b', 10_000);
    await store.hit('c', 10_000);
    now = 1500; // a's window is over
    await store.hit('d', 10_000);
    expect((await store.hit('b', 10_000)).count).toBe(2);
    await store.hit('e', 10_000); // full of live windows: the oldest (b) goes
    expect((await store.hit('d', 10_000)).count).toBe(2);
    expect((await store.hit('b', 10_000)).count).toBe(1);
  });
});
