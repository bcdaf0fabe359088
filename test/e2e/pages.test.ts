import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, seriousA11yViolations, signInAsDemo } from '../helpers/browser';

const artifacts = 'test-results/e2e';
const digits = (text: string | null) => (text ?? '').replace(/[^0-9]/g, '');

// Each page, and what shows that it rendered with data.
const pages = [
  { name: 'overview', path: '/', ready: 'kpi-leads' },
  { name: 'sources', path: '/sources', ready: 'sources-table' },
  { name: 'funnel', path: '/funnel', ready: 'funnel-table' },
  { name: 'cohorts', path: '/cohorts', ready: 'cohort-heatmap' },
  { name: 'leads', path: '/leads', ready: 'leads-table' },
  { name: 'pacing', path: '/pacing', ready: 'gap-table' },
  { name: 'handoff', path: '/handoff', ready: 'handoff-page' },
  { name: 'neglected', path: '/handoff/neglected', ready: 'neglected-table' },
];

describeInBrowser('every dashboard page in Chromium, on the demo data', () => {
  const baseUrl = inject('e2eUrl')!;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signInAsDemo(page, baseUrl);
  });
  afterAll(() => browser?.close());

  it.each(pages)(
    'renders $name with data and no serious accessibility violation',
    async ({ name, path, ready }) => {
      const errors: string[] = [];
      const onError = (error: Error) => errors.push(error.message);
      page.on('pageerror', onError);
      await page.goto(`${baseUrl}${path}`);
      await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });
      const violations = await seriousA11yViolations(page);
      expect(
        violations.map(
          (v) =>
            `${v.id}: ${v.help} (${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')})`,
        ),
      ).toEqual([]);
      page.off('pageerror', onError);
      expect(errors).toEqual([]);
    },
  );

  it('drills down from a source to its leads, with the same count', async () => {
    await page.goto(`${baseUrl}/sources?view=cohort`);
    const table = page.getByTestId('sources-table');
    await table.waitFor();
    const row = table.locator('[data-testid^="source-row-"]').first();
    const testId = (await row.getAttribute('data-testid'))!;
    const sourceId = testId.replace('source-row-', '');
    const link = row.getByRole('link').first();
    const leadsInRow = digits(await row.locator('td').first().textContent());
    await link.click();
    await page.waitForURL((url) => url.pathname === '/leads' && url.searchParams.get('source') === sourceId);
    await page.getByTestId('leads-table').waitFor();
    await expect
      .poll(async () => digits(await page.getByTestId('leads-total').textContent()))
      .toBe(leadsInRow);
  });

  it('keeps the view in the URL, and back restores it', async () => {
    await page.goto(`${baseUrl}/sources?view=period`);
    await page.getByTestId('sources-table').waitFor();
    // The radios are drawn as a segmented control: a person clicks the label.
    await page.getByTestId('view-toggle').getByText('Cohort view').click();
    await page.waitForURL((url) => url.searchParams.get('view') !== 'period');
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('view') === 'period');
    await expect
      .poll(() =>
        page
          .getByTestId('view-toggle')
          .getByRole('radio', { name: /period/i })
          .isChecked(),
      )
      .toBe(true);
  });
});
