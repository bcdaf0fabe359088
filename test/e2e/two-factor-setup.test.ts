import { defined } from '@salesready/db/defined';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, it } from 'vitest';
import { demoPage, describeInBrowser, seriousA11yViolations } from '../helpers/browser';

// Setting up two-factor sign-in on a phone: the key comes as a QR code an authenticator app scans.
// The code on screen is read back from a screenshot, as a phone's camera would, and must carry the
// very key and account the page states. (The setup is left unconfirmed: the demo account keeps
// signing in with its password for the other suites.)
describeInBrowser('two-factor setup shows a QR code of the key', () => {
  const demo = demoPage({ width: 390, height: 844 });

  it('draws the otpauth URL as a QR code that scans back to the key shown', async () => {
    const { page, baseUrl } = demo;
    await page.goto(`${baseUrl}/settings/security`);
    const card = page.getByTestId('two-factor-card');
    await card.getByRole('button', { name: 'Set up' }).click();
    const qr = card.getByTestId('totp-qr');
    await qr.waitFor();
    const secret = ((await card.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const link = await card.getByRole('link', { name: 'open it in the app' }).getAttribute('href');

    const png = PNG.sync.read(await qr.screenshot());
    const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(scanned?.data).toBe(link);
    const uri = new URL(defined(scanned).data);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(decodeURIComponent(uri.pathname)).toContain('demo@salesready.local');

    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/e2e/screens/two-factor-setup-390.png', fullPage: true });
  });
});
