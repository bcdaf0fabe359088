import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '@salesready/api/app';
import type { DbHandle } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { auditLog, authSettings, ssoStates, users } from '@salesready/db/schema/index';
import { eq } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addUser } from '../helpers/factories';
import { describeOnBackend, openTestDb } from '../helpers/test-db';

// A real OpenID provider (oidc-provider, OpenID-certified) on a loopback port in this process; its
// sign-in screen is replaced by the test deciding who signs in.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function sign(claims: Record<string, unknown>): string {
  const head = `${b64url({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })}.${b64url(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
}
const decode = (jwt: string) => JSON.parse(Buffer.from(defined(jwt.split('.')[1]), 'base64url').toString());

interface Person {
  email: string;
  groups?: string[];
}

describeOnBackend('single sign-on (OpenID Connect) against a real provider', () => {
  let handle: DbHandle;
  let server: Server;
  let issuer: string;
  let app: ReturnType<typeof createApp>;
  let adminCookie: string;
  let who: Person = { email: 'ceo@acme.test' };
  // How the next token response is changed on its way to the app (a hostile network or provider).
  let tamper: ((idToken: string) => string) | null = null;
  const people = new Map<string, Person>();

  const ssoFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!tamper || !url.endsWith('/token')) return res;
    const body = await res.json();
    body.id_token = tamper(body.id_token);
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
  };

  beforeAll(async () => {
    handle = await openTestDb();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'salesready',
          client_secret: 'provider-side-secret',
          redirect_uris: ['http://localhost/api/auth/sso/callback'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      jwks: { keys: [jwk] },
      cookies: { keys: ['cookie-key-for-tests'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      features: { devInteractions: { enabled: false } },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      findAccount: async (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: async () => ({
          sub: id,
          email: people.get(id)?.email,
          email_verified: true,
          name: 'Casey Exec',
          groups: people.get(id)?.groups ?? [],
        }),
      }),
    });
    server.on('request', async (req, res) => {
      if (!req.url?.startsWith('/interaction/')) return provider.callback()(req, res);
      // The person `who` signs in and agrees.
      const details = await provider.interactionDetails(req, res);
      const accountId = `acct-${who.email}`;
      people.set(accountId, who);
      const grant = new provider.Grant({ accountId, clientId: 'salesready' });
      grant.addOIDCScope('openid email profile');
      const grantId = await grant.save();
      const result = details.prompt.name === 'login' ? { login: { accountId } } : { consent: { grantId } };
      await provider.interactionFinished(
        req,
        res,
        { ...result, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    });
    app = createApp({
      db: handle.db,
      driver: handle.driver,
      version: 'test',
      demo: false,
      secretsKeys: { current: randomBytes(32).toString('base64') },
      ssoFetch,
    });
    await addUser(handle.db, 'admin@example.com', 'a long test password', 'admin');
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long test password' }),
    });
    adminCookie = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
  });
  afterAll(async () => {
    server?.close();
    await handle?.close();
  });

  const putSso = (body: unknown) =>
    app.request('/api/settings/sso', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: 'http://localhost', cookie: adminCookie },
      body: JSON.stringify(body),
    });
  const settings = () => ({
    issuer,
    clientId: 'salesready',
    clientSecret: 'provider-side-secret',
    allowedDomains: ['acme.test'],
    defaultRole: 'executive',
    groupRoles: { 'salesready-admins': 'admin', board: 'board' },
    passwordSignIn: false,
  });

  /** The browser's trip: start → provider (its cookies kept) → back to the callback. */
  async function ssoTrip(email: string): Promise<{ callback: URL }> {
    const start = await app.request(`/api/auth/sso/start?email=${encodeURIComponent(email)}`);
    expect(start.status).toBe(302);
    let url = new URL(defined(start.headers.get('location')));
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost/api/auth/sso/callback');
    // Random values of at least 128 bits, base64url: 22 characters or more.
    for (const name of ['state', 'nonce', 'code_challenge'])
      expect(url.searchParams.get(name), name).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const jar = new Map<string, string>();
    for (let hop = 0; hop < 10; hop++) {
      if (url.origin !== issuer) return { callback: url };
      const res = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const [k, ...v] = defined(pair).split('=');
        jar.set(defined(k), v.join('='));
      }
      const next = res.headers.get('location');
      if (!next) throw new Error(`the provider stopped at ${url} with ${res.status}: ${await res.text()}`);
      url = new URL(next, url);
    }
    throw new Error('too many redirects');
  }
  const callback = (url: URL) => app.request(`/api/auth/sso/callback${url.search}`);
  const failures = async () =>
    (await handle.db.select().from(auditLog).where(eq(auditLog.action, 'auth.sso_failed'))).map(
      (a) => JSON.parse(defined(a.details)).reason as string,
    );
  const loginError = (res: Response) => {
    expect(res.status).toBe(302);
    const location = new URL(defined(res.headers.get('location')), 'http://localhost');
    expect(location.pathname).toBe('/login');
    return defined(location.searchParams.get('error'));
  };

  it('takes the company’s settings only from an admin, with the secret sealed and never shown', async () => {
    const bad = await putSso({ ...settings(), issuer: 'http://idp.example.com' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('issuer');
    const nowhere = await putSso({ ...settings(), issuer: 'http://127.0.0.1:1' });
    expect(nowhere.status).toBe(400);
    expect((await nowhere.json()).error.message).toMatch(/no OpenID provider answered/);
    const ok = await putSso(settings());
    expect(ok.status).toBe(200);
    const [row] = await handle.db.select().from(authSettings);
    expect(defined(row).ssoClientSecret).toMatch(/^v1\./);
    expect(defined(row).ssoClientSecret).not.toContain('provider-side-secret');
    const read = await (await app.request('/api/settings/sso', { headers: { cookie: adminCookie } })).json();
    expect(read).toMatchObject({
      configured: true,
      issuer,
      hasClientSecret: true,
      allowedDomains: ['acme.test'],
    });
    expect(JSON.stringify(read)).not.toContain('provider-side-secret');
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'settings.sso_update'));
    expect(defined(audits[0]).details).not.toContain('provider-side-secret');
  });

  it('refuses an email domain that is not allowed, before going to the provider', async () => {
    const res = await app.request('/api/auth/sso/start?email=someone@elsewhere.test');
    expect(loginError(res)).toMatch(/elsewhere\.test addresses do not sign in through single sign-on/);
  });

  it('signs a new person in through the provider, creates them with the default role, and turns their password sign-in off', async () => {
    who = { email: 'ceo@acme.test' };
    const { callback: url } = await ssoTrip('ceo@acme.test');
    // Providers add parameters (iss): they are read, not refused.
    expect(url.searchParams.get('iss')).toBe(issuer);
    const res = await callback(url);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/');
    const cookie = defined(defined(res.headers.get('set-cookie')).split(';')[0]);
    const me = await (await app.request('/api/auth/me', { headers: { cookie } })).json();
    expect(me.user).toMatchObject({ email: 'ceo@acme.test', role: 'executive', name: 'Casey Exec' });
    const [row] = await handle.db.select().from(users).where(eq(users.email, 'ceo@acme.test'));
    expect(defined(row).ssoSubject).toBe(`${issuer} acct-ceo@acme.test`);
    expect(defined(row).passwordHash).toBeNull();
    // The same state again: refused.
    expect(loginError(await callback(url))).toMatch(/already used/);
    expect(await failures()).toContain('replayed state');
  });

  it('maps groups to roles', async () => {
    who = { email: 'cfo@acme.test', groups: ['finance', 'salesready-admins'] };
    const res = await callback((await ssoTrip('cfo@acme.test')).callback);
    expect(res.status).toBe(302);
    const [row] = await handle.db.select().from(users).where(eq(users.email, 'cfo@acme.test'));
    expect(defined(row).role).toBe('admin');
  });

  it('refuses a wrong audience, an expired token and a tampered ID token, each with a clear message, audited', async () => {
    who = { email: 'ceo@acme.test' };
    const cases: [string, (t: string) => string, RegExp][] = [
      ['wrong audience', (t) => sign({ ...decode(t), aud: 'another-app' }), /meant for another application/],
      [
        'expired token',
        (t) =>
          sign({
            ...decode(t),
            iat: Math.floor(Date.now() / 1000) - 7200,
            exp: Math.floor(Date.now() / 1000) - 3600,
          }),
        /had expired/,
      ],
      [
        'bad signature',
        (t) => {
          const [h, , s] = t.split('.');
          return `${h}.${b64url({ ...decode(t), email: 'cfo@acme.test' })}.${s}`;
        },
        /signature check/,
      ],
    ];
    for (const [reason, change, message] of cases) {
      const { callback: url } = await ssoTrip('ceo@acme.test');
      tamper = change;
      try {
        const res = await callback(url);
        expect(loginError(res), `${reason}: ${(await failures()).at(-1)}`).toMatch(message);
        expect(res.headers.get('set-cookie'), reason).toBeNull();
      } finally {
        tamper = null;
      }
      expect(await failures()).toContain(reason);
    }
    // An untouched token still signs in.
    expect((await callback((await ssoTrip('ceo@acme.test')).callback)).headers.get('location')).toBe('/');
  });

  it('refuses an unknown state, and password sign-in for SSO users once it is switched off', async () => {
    expect(loginError(await app.request('/api/auth/sso/callback?code=x&state=forged'))).toMatch(
      /unknown or has expired/,
    );
    const [ceo] = await handle.db.select().from(users).where(eq(users.email, 'ceo@acme.test'));
    await handle.db
      .update(users)
      .set({
        passwordHash: defined(
          (await handle.db.select().from(users).where(eq(users.email, 'admin@example.com')))[0],
        ).passwordHash,
      })
      .where(eq(users.id, defined(ceo).id));
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ceo@acme.test', password: 'a long test password' }),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/single sign-on/);
    expect(await handle.db.select().from(ssoStates)).not.toHaveLength(0);
  });
});
