import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPage, describeInBrowser, seriousA11yViolations, sidewaysOverflow } from '../helpers/browser';

// Settings → Sign-in, used as an admin would: single sign-on set up against a real OpenID provider
// (oidc-provider) listening in this process, which the server must reach before it keeps anything.
describeInBrowser('Settings → Sign-in: single sign-on and two-factor for admins', () => {
  const demo = demoPage({ width: 390, height: 844 });
  let server: Server;
  let issuer: string;

  beforeAll(async () => {
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'salesready',
          client_secret: 'provider-side',
          redirect_uris: [`${demo.baseUrl}/api/auth/sso/callback`],
        },
      ],
      cookies: { keys: ['cookie-key-for-tests'] },
    });
    server.on('request', provider.callback());
  });
  afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

  it('keeps the settings only once the provider answers, the secret never shown again', async () => {
    const { page, baseUrl } = demo;
    await page.goto(`${baseUrl}/settings/sso`);
    const card = page.getByTestId('sso-card');
    await card.getByLabel('Client ID').waitFor();
    // A provider that does not answer: refused, with the issuer named.
    await card.getByLabel('Issuer URL').fill('http://127.0.0.1:9');
    await card.getByLabel('Client ID').fill('salesready');
    await card.getByLabel('Client secret').fill('provider-side');
    await card.getByLabel('Email domains allowed').fill('acme.test, acme.example');
    await card.getByLabel('Role of a new user').selectOption('executive');
    await card.getByLabel('Roles by group (optional)').fill('leaders = admin\nwrong line');
    expect(await card.getByTestId('sso-save').isDisabled()).toBe(true);
    expect(await card.textContent()).toContain('line 2: write a group');
    await card.getByLabel('Roles by group (optional)').fill('leaders = admin');
    await card.getByTestId('sso-save').click();
    await expect
      .poll(() => card.getByTestId('sso-status').textContent())
      .toContain('no OpenID provider answered at http://127.0.0.1:9');
    expect((await (await page.request.get(`${baseUrl}/api/settings/sso`)).json()).configured).toBe(false);

    await card.getByLabel('Issuer URL').fill(issuer);
    await card.getByTestId('sso-save').click();
    await expect
      .poll(() => card.getByTestId('sso-status').textContent())
      .toContain('Saved: the provider answered.');
    expect(await (await page.request.get(`${baseUrl}/api/settings/sso`)).json()).toMatchObject({
      configured: true,
      issuer,
      clientId: 'salesready',
      hasClientSecret: true,
      allowedDomains: ['acme.test', 'acme.example'],
      defaultRole: 'executive',
      groupRoles: { leaders: 'admin' },
      passwordSignIn: true,
    });
    // The secret field is empty again; the page says one is kept.
    expect(await card.getByLabel('Client secret').inputValue()).toBe('');
    expect(await card.textContent()).toContain('A secret is kept, encrypted');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/e2e/screens/settings-sso-390.png', fullPage: true });
    const overflow = await sidewaysOverflow(page);
    expect(overflow.px, overflow.boxes).toBeLessThanOrEqual(0);
  });

  it('asks an admin to turn on their own second factor before requiring it of every admin', async () => {
    const { page, baseUrl } = demo;
    await page.goto(`${baseUrl}/settings/sso`);
    const box = page.getByTestId('admin-2fa-required');
    await expect.poll(() => box.isEnabled(), { timeout: 15_000 }).toBe(true);
    // The box springs back: the server refuses.
    await box.click();
    await expect
      .poll(() => page.getByTestId('settings-signin').textContent(), {
        timeout: 15_000,
      })
      .toMatch(/turn on two-factor sign-in for your own account first/i);
    expect(
      (await (await page.request.get(`${baseUrl}/api/settings/security`)).json()).adminTwoFactorRequired,
    ).toBe(false);
    expect(await box.isChecked()).toBe(false);
  });
});
