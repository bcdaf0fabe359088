import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, seriousA11yViolations, signInAsDemo } from '../helpers/browser';
import { readPdf } from '../helpers/export-files';

const artifacts = 'test-results/e2e';
const describeViolations = (violations: Awaited<ReturnType<typeof seriousA11yViolations>>) =>
  violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

describeInBrowser('the board pack page in Chromium', () => {
  const baseUrl = inject('e2eUrl')!;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await signInAsDemo(page, baseUrl);
  });
  afterAll(() => browser?.close());

  it('prints the commentary typed on the page in the downloaded PDF, and has no serious accessibility violation', async () => {
    await page.getByTestId('nav-board-pack').click();
    await page.waitForURL((url) => url.pathname === '/board-pack' && url.searchParams.has('quarter'));
    const quarter = new URL(page.url()).searchParams.get('quarter')!;
    const note = `Pipeline recovered in the last month; partners still lag (${Date.now()}).`;
    const field = page.getByTestId('commentary-summary');
    await field.waitFor();
    await field.fill(note);
    await page.getByTestId('commentary-save').click();
    await page.getByTestId('commentary').getByRole('status').getByText('Saved.').waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${artifacts}/board-pack.png`, fullPage: true });
    expect(describeViolations(await seriousA11yViolations(page))).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByTestId('board-pack-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`salesready-board-pack-${quarter}.pdf`);
    const pdf = await readPdf(readFileSync((await download.path())!));
    const summary = pdf.text.find((p) => p.includes('Executive summary Fiscal quarter'))!;
    expect(summary).toContain(`Commentary ${note}`);
  }, 180_000);

  it('makes a share link whose page a visitor opens without an account', async () => {
    await page.getByTestId('share-label').fill('Board meeting');
    await page.getByTestId('share-create').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(new RegExp(`^${baseUrl}/share/srl_[A-Za-z0-9_-]{43}$`));

    const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await visitor.goto(url);
      await visitor.getByTestId('shared-kpis').waitFor({ timeout: 60_000 });
      expect(await visitor.getByTestId('shared-kpis').locator('.shared-kpi').count()).toBe(7);
      expect(await visitor.getByTestId('shared-download').getAttribute('href')).toBe(
        `/api/share/${url.split('/share/')[1]}/board-pack.pdf`,
      );
      await visitor.screenshot({ path: `${artifacts}/board-pack-shared.png`, fullPage: true });
      expect(describeViolations(await seriousA11yViolations(visitor))).toEqual([]);
    } finally {
      await visitor.close();
    }
  }, 120_000);
});
