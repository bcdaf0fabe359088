import { mkdirSync } from 'node:fs';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium } from '../helpers/browser';

const artifacts = 'test-results/e2e';
const digits = (text: string | null) => (text ?? '').replace(/[^0-9]/g, '');

describeInBrowser('the embedded demo, signed in through Chromium', () => {
  const server = { url: defined(inject('e2eUrl')) };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts on PGlite with demo data and a healthy API', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', db: 'pglite' });
  });

  it('sends a signed-out visitor to the login page, which offers the demo account', async () => {
    // The overview's figures are asked for alongside the session check: signed out, a 401 and nothing shown.
    const figures = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/metrics/overview');
    await page.goto(server.url);
    await page.waitForURL(/\/login/);
    expect((await figures).status()).toBe(401);
    await expect(page.getByTestId('demo-account').textContent()).resolves.toContain('demo@salesready.local');
    expect(await page.locator('.state-error, [data-testid="kpi-value"]').count()).toBe(0);
  });

  it('refuses a wrong password with a visible message', async () => {
    await page.getByLabel(/email/i).fill('demo@salesready.local');
    await page.getByLabel(/password/i).fill('not-the-password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/wrong email or password/i);
  });

  it('signs in and shows the overview with the figures the API serves', async () => {
    await page.getByLabel(/password/i).fill('salesready-demo');
    const started = Date.now();
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByTestId('kpi-leads').getByTestId('kpi-value').waitFor();
    await page
      .locator(
        '[data-testid="weekly-chart"] [data-ready="true"], [data-testid="weekly-chart"][data-ready="true"]',
      )
      .first()
      .waitFor();
    console.log(`overview with data ${Date.now() - started} ms after sign-in`);

    const api = await (await page.request.get(`${server.url}/api/metrics/overview`)).json();
    expect(api.kpis.leads.value).toBeGreaterThan(0);
    const shown = await page.getByTestId('kpi-leads').getByTestId('kpi-value').textContent();
    expect(digits(shown)).toBe(String(api.kpis.leads.value));
    const srl = await page.getByTestId('kpi-salesReady').getByTestId('kpi-value').textContent();
    expect(digits(srl)).toBe(String(api.kpis.salesReady.value));
    expect(new URL(page.url()).searchParams.get('quarter')).toBe(api.period.label);
    await page.screenshot({ path: `${artifacts}/overview.png`, fullPage: true });
  });

  it('keeps the quarter in the URL: another quarter, then back', async () => {
    const first = new URL(page.url()).searchParams.get('quarter');
    await page
      .getByTestId('quarter-picker')
      .getByRole('button', { name: /previous/i })
      .click();
    await page.waitForURL((url) => url.searchParams.get('quarter') !== first);
    const second = defined(new URL(page.url()).searchParams.get('quarter'));
    const api = await (await page.request.get(`${server.url}/api/metrics/overview?quarter=${second}`)).json();
    await expect
      .poll(async () => digits(await page.getByTestId('kpi-leads').getByTestId('kpi-value').textContent()))
      .toBe(String(api.kpis.leads.value));
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('quarter') === first);

    // A copied link reproduces the view.
    const other = await browser.newContext();
    const cookies = await page.context().cookies();
    await other.addCookies(cookies);
    const linked = await other.newPage();
    await linked.goto(`${server.url}/?quarter=${second}`);
    await expect
      .poll(async () => digits(await linked.getByTestId('kpi-leads').getByTestId('kpi-value').textContent()))
      .toBe(String(api.kpis.leads.value));
    await other.close();
  });

  it('asks for the KPIs once on a cold load, before the session check has answered', async () => {
    const cold = await browser.newContext();
    await cold.addCookies(await page.context().cookies());
    const tab = await cold.newPage();
    const events: string[] = [];
    tab.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/metrics/overview') events.push('figures asked');
    });
    tab.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/me') events.push('session answered');
    });
    await tab.goto(`${server.url}/`);
    await tab.getByTestId('kpi-leads').getByTestId('kpi-value').waitFor();
    // Naming the quarter in the URL files the answer under the new key: nothing is asked again.
    await tab.waitForURL((url) => url.searchParams.has('quarter'));
    await tab.waitForLoadState('networkidle');
    expect(events).toEqual(['figures asked', 'session answered']);
    await cold.close();
  });
});
