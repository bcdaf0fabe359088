import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveTestApp } from '../helpers/serve-test-app';
import { openTestApp, type TestApp } from '../helpers/test-app';
import { describeOnBackend } from '../helpers/test-db';

describeOnBackend('passwords are checked for strength wherever one is set', () => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof serveTestApp>>;
  let cookie = '';

  const send = (method: string, path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: server.url, ...(cookie && { cookie }) },
      body: JSON.stringify(body),
    });

  const expectWeak = async (res: Response, field: string, why?: string) => {
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(new RegExp(`^${field}: this password is too easy to guess\\.`));
    if (why) expect(error.message).toContain(why);
    expect(error.details).toEqual([{ path: field, message: expect.stringContaining('too easy to guess') }]);
  };

  beforeAll(async () => {
    t = await openTestApp();
    server = await serveTestApp(t);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('the first admin’s password: repeated characters, common passwords and the email itself are refused', async () => {
    const email = 'jordan.mills@example.com';
    await expectWeak(
      await send('POST', '/api/auth/setup', { email, password: 'aaaaaaaaaa' }),
      'password',
      'Repeated characters',
    );
    await expectWeak(
      await send('POST', '/api/auth/setup', { email, password: 'password123' }),
      'password',
      'commonly used password',
    );
    await expectWeak(await send('POST', '/api/auth/setup', { email, password: 'jordan.mills' }), 'password');
    const ok = await send('POST', '/api/auth/setup', { email, password: 'copper kettle on the stairs' });
    expect(ok.status).toBe(201);
    cookie = defined(defined(ok.headers.get('set-cookie')).split(';')[0]);
  });

  it('changing a password refuses a weak new one and keeps the old', async () => {
    const change = (newPassword: string) =>
      send('POST', '/api/auth/password', { currentPassword: 'copper kettle on the stairs', newPassword });
    await expectWeak(await change('qwertyuiop'), 'newPassword');
    await expectWeak(await change('Summer2026!'), 'newPassword');
    expect((await change('seven lanterns over the harbour')).status).toBe(200);
  });

  it('accepting an invitation refuses a weak password, and the invitation still works afterwards', async () => {
    const invite = await send('POST', '/api/users/invite', {
      email: 'board@example.com',
      name: 'Board',
      role: 'board',
    });
    expect(invite.status).toBe(201);
    const { token } = await invite.json();
    const saved = cookie;
    cookie = '';
    await expectWeak(
      await send('POST', '/api/auth/accept-invite', { token, password: '1234567890' }),
      'password',
    );
    const ok = await send('POST', '/api/auth/accept-invite', { token, password: 'violet harbour lanterns' });
    expect(ok.status).toBe(200);
    cookie = saved;
  });
});
