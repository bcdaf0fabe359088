import { createHmac, randomBytes } from 'node:crypto';
import { createApp } from '@salesready/api/app';
import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import {
  auditLog,
  authSettings,
  pendingSignIns,
  recoveryCodes,
  sessions,
  users,
} from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// RFC 6238 written out here, apart from the library the app uses, so the two are checked against each other.
function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  return Buffer.from(defined(bits.match(/.{8}/g)).map((b) => Number.parseInt(b, 2)));
}
function totp(secret: Buffer, at = Date.now(), digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = defined(mac[mac.length - 1]) & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}

const key = () => randomBytes(32).toString('base64');

describeOnBackend('two-factor sign-in (TOTP)', () => {
  let handle: DbHandle;
  const firstKey = key();
  // The key the admin's seed is sealed under now (it changes with the rotation below).
  let liveKey = firstKey;
  const makeApp = (secretsKeys?: { current?: string; previous?: string }) =>
    createApp({ db: handle.db, driver: handle.driver, version: 'test', demo: false, secretsKeys });
  let app: ReturnType<typeof makeApp>;

  const post = (a: typeof app, path: string, body: unknown, cookie?: string) =>
    a.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost', ...(cookie && { cookie }) },
      body: JSON.stringify(body),
    });
  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .find((c) => c.startsWith(`${name}=`))
      ?.split(';')[0];
  const signIn = async (a: typeof app, email: string) => {
    const res = await post(a, '/api/auth/login', { email, password: 'a long test password' });
    return {
      res,
      body: await res.json(),
      session: cookieOf(res, 'sr_session'),
      pending: cookieOf(res, 'sr_2fa'),
    };
  };
  const actions = async (userId: number) =>
    (await handle.db.select().from(auditLog).where(eq(auditLog.userId, userId))).map((a) => a.action);

  let adminId: number;
  let secret: Buffer;
  let recovery: string[];

  beforeAll(async () => {
    handle = await openTestDb();
    app = makeApp({ current: firstKey });
    adminId = await addUser(handle.db, 'admin@example.com', 'a long test password', 'admin');
    await addUser(handle.db, 'exec@example.com', 'a long test password', 'executive');
  });
  afterAll(() => handle?.close());

  it('the RFC 6238 reference computes the RFC’s own test vector', () => {
    // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits).
    expect(totp(Buffer.from('12345678901234567890'), 59_000, 8)).toBe('94287082');
  });

  it('refuses to store a seed without SECRETS_KEY, and says why', async () => {
    const bare = makeApp();
    const { session } = await signIn(bare, 'exec@example.com');
    const res = await post(bare, '/api/auth/totp/setup', {}, session);
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/SECRETS_KEY is not set/);
    const [row] = await handle.db.select().from(users).where(eq(users.email, 'exec@example.com'));
    expect(defined(row).totpSecret).toBeNull();
  });

  it('sets up with a seed shown once and stored sealed, enables only with a right code, and gives recovery codes once', async () => {
    const { session } = await signIn(app, 'admin@example.com');
    const setup = await post(app, '/api/auth/totp/setup', {}, session);
    expect(setup.status).toBe(200);
    const { secret: base32, otpauthUrl } = await setup.json();
    expect(base32).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/SalesReady:admin%40example\.com\?/);
    expect(otpauthUrl).toContain(`secret=${base32}`);
    secret = base32Decode(base32);
    const [row] = await handle.db.select().from(users).where(eq(users.id, adminId));
    expect(defined(row).totpSecret).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(defined(row).totpSecret).not.toContain(base32);
    expect(defined(row).totpEnabledAt).toBeNull();

    const wrong = await post(
      app,
      '/api/auth/totp/enable',
      { code: '000000' === totp(secret) ? '111111' : '000000' },
      session,
    );
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.details[0].path).toBe('code');
    const malformed = await post(app, '/api/auth/totp/enable', { code: '12' }, session);
    expect(malformed.status).toBe(400);

    const enabled = await post(app, '/api/auth/totp/enable', { code: totp(secret) }, session);
    expect(enabled.status).toBe(200);
    recovery = (await enabled.json()).recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    const stored = await handle.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, adminId));
    expect(stored).toHaveLength(10);
    for (const code of recovery) expect(stored.map((s) => s.codeHash).join()).not.toContain(code);
    const status = await (
      await app.request('/api/auth/totp', { headers: { cookie: defined(session) } })
    ).json();
    expect(status).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect(await actions(adminId)).toEqual(
      expect.arrayContaining(['auth.totp_setup', 'auth.totp_enable_failed', 'auth.totp_enable']),
    );
  });

  it('asks for the second factor after the password, with no session until a code is verified', async () => {
    const { res, body, session, pending } = await signIn(app, 'admin@example.com');
    expect(res.status).toBe(200);
    expect(body).toEqual({ secondFactor: 'totp' });
    expect(session).toBeUndefined();
    expect(pending).toMatch(/^sr_2fa=/);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('sr_2fa='))).toMatch(
      /^sr_2fa=[^;]+; Path=\/api\/auth\/totp;.*HttpOnly; SameSite=Strict/,
    );

    const noCookie = await post(app, '/api/auth/totp/verify', { code: totp(secret) });
    expect(noCookie.status).toBe(401);
    expect((await noCookie.json()).error.message).toMatch(/sign in with your password again/);
    const wrong = await post(
      app,
      '/api/auth/totp/verify',
      { code: totp(secret, Date.now() + 10 * 60_000) },
      pending,
    );
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.message).toBe('wrong code');

    // The enabling code's step is spent: the next step's code (a phone a little ahead) is accepted.
    const code = totp(secret, Date.now() + 30_000);
    const ok = await post(app, '/api/auth/totp/verify', { code }, pending);
    expect(ok.status).toBe(200);
    expect((await ok.json()).user).toMatchObject({ email: 'admin@example.com', role: 'admin' });
    const cookie = defined(cookieOf(ok, 'sr_session'));
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
    expect(await handle.db.select().from(pendingSignIns)).toEqual([]);

    // The same code, again, on a new sign-in: a code is good once.
    const second = await signIn(app, 'admin@example.com');
    const replay = await post(app, '/api/auth/totp/verify', { code }, second.pending);
    expect(replay.status).toBe(401);
    expect(await actions(adminId)).toEqual(
      expect.arrayContaining(['auth.second_factor_asked', 'auth.totp_failed', 'auth.sign_in']),
    );
  });

  it('takes a recovery code once', async () => {
    const first = await signIn(app, 'admin@example.com');
    const ok = await post(
      app,
      '/api/auth/totp/verify',
      { code: defined(recovery[0]).toUpperCase() },
      first.pending,
    );
    expect(ok.status).toBe(200);
    expect((await ok.json()).recoveryCodesLeft).toBe(9);
    const second = await signIn(app, 'admin@example.com');
    const again = await post(app, '/api/auth/totp/verify', { code: recovery[0] }, second.pending);
    expect(again.status).toBe(401);
    expect((await again.json()).error.message).toMatch(/used already/);
  });

  it('keeps working through a key rotation (SECRETS_KEY_PREVIOUS), and not with an unrelated key', async () => {
    // Time passes: the steps spent above are behind us.
    await handle.db.update(users).set({ totpLastStep: null }).where(eq(users.id, adminId));
    const before = defined(
      defined((await handle.db.select().from(users).where(eq(users.id, adminId)))[0]).totpSecret,
    );
    liveKey = key();
    const rotated = makeApp({ current: liveKey, previous: firstKey });
    const { pending } = await signIn(rotated, 'admin@example.com');
    const ok = await post(rotated, '/api/auth/totp/verify', { code: totp(secret) }, pending);
    expect(ok.status).toBe(200);
    // Sealed again under the new key on use.
    const after = defined(
      defined((await handle.db.select().from(users).where(eq(users.id, adminId)))[0]).totpSecret,
    );
    expect(after.split('.')[1]).not.toBe(before.split('.')[1]);
    const lost = makeApp({ current: key() });
    const other = await signIn(lost, 'admin@example.com');
    const refused = await post(
      lost,
      '/api/auth/totp/verify',
      { code: totp(secret, Date.now() + 90_000) },
      other.pending,
    );
    expect(refused.status).toBe(503);
    expect((await refused.json()).error.message).toMatch(/neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS/);
  });

  it('rate-limits guessing the second factor', async () => {
    // A fresh app: its own count of attempts.
    const fresh = makeApp({ current: liveKey });
    const { pending } = await signIn(fresh, 'admin@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await post(fresh, '/api/auth/totp/verify', { code: '999999' }, pending)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('requires two-factor for admins when the setting is on: without it, an admin reaches only their own account', async () => {
    const otherAdmin = await addUser(handle.db, 'admin2@example.com', 'a long test password', 'admin');
    const { session } = await signIn(app, 'admin2@example.com');
    const put = (value: boolean) =>
      app.request('/api/settings/security', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', origin: 'http://localhost', cookie: defined(session) },
        body: JSON.stringify({ adminTwoFactorRequired: value }),
      });
    // An admin without it cannot require it (and lock themselves out of the rest).
    const refused = await put(true);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(
      /turn on two-factor sign-in for your own account first/,
    );
    await handle.db.update(authSettings).set({ adminTwoFactorRequired: true });
    const blocked = await app.request('/api/users', { headers: { cookie: defined(session) } });
    expect(blocked.status).toBe(403);
    expect((await blocked.json()).error.message).toMatch(/two-factor sign-in is required for admins/);
    const me = await (await app.request('/api/auth/totp', { headers: { cookie: defined(session) } })).json();
    expect(me).toMatchObject({ enabled: false, required: true, mustSetUp: true });
    // An executive is not held up.
    const exec = await signIn(app, 'exec@example.com');
    expect(
      (await app.request('/api/metrics/overview', { headers: { cookie: defined(exec.session) } })).status,
    ).not.toBe(403);
    // Set up, and the admin goes on.
    const setup = await (await post(app, '/api/auth/totp/setup', {}, session)).json();
    const code = totp(base32Decode(setup.secret));
    expect((await post(app, '/api/auth/totp/enable', { code }, session)).status).toBe(200);
    expect((await app.request('/api/users', { headers: { cookie: defined(session) } })).status).toBe(200);
    // And cannot turn it off while it is required.
    const off = await post(app, '/api/auth/totp/disable', { code }, session);
    expect(off.status).toBe(409);
    const lifted = await put(false);
    expect(lifted.status).toBe(200);
    expect(defined((await handle.db.select().from(authSettings))[0]).adminTwoFactorRequired).toBe(false);
    expect(await actions(otherAdmin)).toContain('settings.security_update');
    expect(await handle.db.select().from(sessions).where(eq(sessions.userId, otherAdmin))).not.toEqual([]);
  });
});
