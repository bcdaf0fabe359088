import { mkdirSync } from 'node:fs';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, seriousA11yViolations, signInAsDemo } from '../helpers/browser';

const artifacts = 'test-results/e2e';

// Months before the demo's history, so no figure another test reads moves.
const googleAds = [
  'Campaign performance report',
  '"January 1, 2019 - February 28, 2019"',
  'Day,Campaign,Currency code,Cost',
  '2019-01-03,Brand,USD,"1,000.00"',
  '2019-01-20,Brand,USD,500',
  '2019-02-11,Brand,USD,250.25',
  '2019-02-12,Brand,USD,oops',
].join('\n');

describeInBrowser('marketing spend in Settings: a grid of months and an ad platform export', () => {
  const server = { url: defined(inject('e2eUrl')) };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAsDemo(page, server.url);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('previews a Google Ads report month by month, imports it, and the grid of that year shows it', async () => {
    await page.goto(`${server.url}/settings/spend`);
    await page.getByTestId('spend-grid').waitFor();
    await page.getByTestId('spend-file').setInputFiles({
      name: 'campaign-report.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(googleAds),
    });
    await page.getByTestId('spend-preview').click();
    const report = page.getByTestId('spend-report');
    await report.waitFor();
    expect(await report.locator('p').first().textContent()).toMatch(/4 rows read, 3 used, 1 left out/);
    const rows = await report.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/Jan 2019.*Paid search.*—.*\$1,500$/);
    expect(rows[1]).toMatch(/Feb 2019.*Paid search.*—.*\$250$/);
    expect(await report.locator('.spend-problems li').allTextContents()).toEqual([
      'Line 7, Cost: "oops" is not an amount',
    ]);
    // Nothing written by the preview.
    const before = await (await page.request.get(`${server.url}/api/spend?from=2019-01&to=2019-12`)).json();
    expect(before.sources.find((s: { source: string }) => s.source === 'Paid search').total).toBe(0);
    await page.getByTestId('spend-import').click();
    await page.getByText('Imported: 2 months changed.').waitFor();
    const after = await (await page.request.get(`${server.url}/api/spend?from=2019-01&to=2019-12`)).json();
    const paid = after.sources.find((s: { source: string; sourceId: number }) => s.source === 'Paid search');
    expect(paid.amounts).toEqual({ '2019-01-01': 1500, '2019-02-01': 250.25 });

    // The grid shows the year; stepping back to 2019 finds the months imported.
    const thisYear = new Date().getUTCFullYear();
    for (let y = thisYear; y > 2019; y--) await page.getByTitle('Previous year').click();
    await page.getByRole('heading', { name: 'Marketing spend in 2019' }).waitFor();
    await expect.poll(() => page.getByTestId(`spend-${paid.sourceId}-2019-01`).inputValue()).toBe('1,500');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${artifacts}/settings-spend-1280.png`, fullPage: true });
  });

  it('edits a month in the grid and saves it', async () => {
    const input = page.locator('[data-testid$="-2019-03"]').first();
    await input.fill('2,000');
    await page.getByTestId('spend-save').click();
    await page.getByText(/Saved 1 month\./).waitFor();
    const grid = await (await page.request.get(`${server.url}/api/spend?from=2019-01&to=2019-12`)).json();
    const edited = grid.sources.find((s: { amounts: Record<string, number> }) => s.amounts['2019-03-01']);
    expect(edited.amounts['2019-03-01']).toBe(2000);
    // Back to nothing spent, so the demo stays as it was for the other suites.
    await input.fill('');
    await page.getByTestId('spend-save').click();
    await page.getByText(/Saved 1 month\./).waitFor();
  });

  it('takes the sales team’s cost of a month in the grid’s last row and saves it apart from any source', async () => {
    const input = page.getByTestId('sales-cost-2019-04');
    await input.fill('45,000');
    await page.getByTestId('spend-save').click();
    await page.getByText(/Saved 1 month\./).waitFor();
    const grid = await (await page.request.get(`${server.url}/api/spend?from=2019-01&to=2019-12`)).json();
    expect(grid.salesCost).toEqual({ '2019-04-01': 45000 });
    expect(grid.sources.some((s: { amounts: Record<string, number> }) => s.amounts['2019-04-01'])).toBe(
      false,
    );
    await input.fill('');
    await page.getByTestId('spend-save').click();
    await page.getByText(/Saved 1 month\./).waitFor();
    const cleared = await (await page.request.get(`${server.url}/api/spend?from=2019-01&to=2019-12`)).json();
    expect(cleared.salesCost).toEqual({});
  });

  it('fits a phone: the grid scrolls inside its card, the page does not', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('spend-grid').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${artifacts}/settings-spend-390.png`, fullPage: true });
  });
});
