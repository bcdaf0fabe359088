import { mkdirSync } from 'node:fs';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import {
  describeInBrowser,
  launchChromium,
  seriousA11yViolations,
  sidewaysOverflow,
  signInAsDemo,
} from '../helpers/browser';

const artifacts = 'test-results/e2e';
const digits = (text: string | null) => (text ?? '').replace(/[^0-9]/g, '');

// Each page, and what shows that it rendered with data.
const pages = [
  { name: 'overview', path: '/', ready: 'kpi-leads' },
  { name: 'sources', path: '/sources', ready: 'sources-table' },
  { name: 'funnel', path: '/funnel', ready: 'funnel-table' },
  { name: 'speed', path: '/speed', ready: 'speed-table' },
  { name: 'cohorts', path: '/cohorts', ready: 'cohort-heatmap' },
  { name: 'leads', path: '/leads', ready: 'leads-table' },
  { name: 'pacing', path: '/pacing', ready: 'gap-table' },
  { name: 'handoff', path: '/handoff', ready: 'handoff-page' },
  { name: 'neglected', path: '/handoff/neglected', ready: 'neglected-table' },
];

describeInBrowser('every dashboard page in Chromium, on the demo data', () => {
  const baseUrl = defined(inject('e2eUrl'));
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
      // Nothing sticks out sideways on a laptop or on a tablet held landscape.
      for (const width of [1280, 1024]) {
        await page.setViewportSize({ width, height: 800 });
        // Charts follow their box through a ResizeObserver: give them the frames that takes, which on
        // two cores shared with the other suites can be seconds.
        let last = { px: 0, boxes: '' };
        await expect
          .poll(
            async () => {
              last = await sidewaysOverflow(page, 'content');
              return last.px;
            },
            { timeout: 10_000 },
          )
          .toBeLessThanOrEqual(0)
          .catch(() => {
            throw new Error(`${name} at ${width} px is ${last.px} px wider than the window: ${last.boxes}`);
          });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    },
  );

  it('shows a sparkline on every KPI tile and what changed, in words, each a link', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('kpi-leads').getByTestId('kpi-value').waitFor();
    // The sparklines come with the weekly trend, a request of its own after the figures.
    await expect.poll(() => page.getByTestId('kpi-sparkline').count(), { timeout: 15_000 }).toBe(5);
    const leadsLine = page.getByTestId('kpi-leads').getByTestId('kpi-sparkline').locator('svg');
    expect(await leadsLine.getAttribute('aria-label')).toMatch(/^Leads per week, 13 weeks/);

    // Once the figures are in, the URL names the quarter shown.
    await page.waitForURL((url) => url.searchParams.has('quarter'));
    const quarter = defined(new URL(page.url()).searchParams.get('quarter'));
    const api = await (await page.request.get(`${baseUrl}/api/metrics/changes?quarter=${quarter}`)).json();
    const lines = page.getByTestId('what-changed').getByTestId('change-line');
    await expect.poll(() => lines.count()).toBe(api.changes.length);
    expect(api.changes.length).toBeGreaterThan(0);
    expect(api.changes.length).toBeLessThanOrEqual(3);
    const first = api.changes[0];
    await expect.poll(() => lines.first().getByRole('link').textContent()).toBe(first.text);
    expect(first.text).toMatch(/^.+ (SRLs|pipeline) [+\u2212]\d+% vs /);

    // The sentence opens what is behind it: the source's SRLs in the lead list, or the sources page.
    await lines.first().getByRole('link').click();
    await page.waitForURL((url) => url.pathname === (first.metric === 'salesReady' ? '/leads' : '/sources'));
    const url = new URL(page.url());
    expect(url.searchParams.get('quarter')).toBe(quarter);
    if (first.sourceId !== null) expect(url.searchParams.get('source')).toBe(String(first.sourceId));
  });

  it('shows time to sales-ready with the figures the overview shows, both histograms drawn', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('kpi-leads').getByTestId('kpi-value').waitFor();
    await page.getByTestId('nav-speed').click();
    await page.waitForURL((url) => url.pathname === '/speed' && url.searchParams.has('quarter'));
    await page.getByTestId('speed-table').waitFor();
    const quarter = new URL(page.url()).searchParams.get('quarter');
    const overview = await (
      await page.request.get(`${baseUrl}/api/metrics/overview?quarter=${quarter}`)
    ).json();
    const median = overview.kpis.medianDaysToSalesReady.value as number;
    await expect
      .poll(() => page.getByTestId('speed-median').locator('.kpi-value').textContent())
      .toBe(median.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
    for (const chart of ['days-histogram', 'touches-histogram', 'source-speed-chart'])
      await page.locator(`[data-testid="${chart}"][data-ready="true"]`).waitFor();
  });

  it('drills down from the days histogram to the SRLs it counts, and the chip drops the range', async () => {
    await page.goto(`${baseUrl}/speed`);
    await page.waitForURL((url) => url.searchParams.has('quarter'));
    await page.locator('[data-testid="days-histogram"][data-ready="true"]').waitFor();
    const quarter = new URL(page.url()).searchParams.get('quarter');
    const speed = await (await page.request.get(`${baseUrl}/api/metrics/speed?quarter=${quarter}`)).json();
    const slow = (speed.days as { fromDays: number; leads: number }[])
      .filter((d) => d.fromDays >= 30)
      .reduce((sum, d) => sum + d.leads, 0);
    await page.getByRole('link', { name: 'slower than 30 days' }).click();
    await page.waitForURL((url) => url.pathname === '/leads' && url.searchParams.get('srDays') === '30-');
    expect(new URL(page.url()).searchParams.get('dateStage')).toBe('salesReady');
    await expect
      .poll(async () => digits(await page.getByTestId('leads-total').textContent()))
      .toBe(String(slow));
    await expect(page.getByTestId('range-chip-srDays').textContent()).resolves.toContain('30+ days');
    await page.getByRole('button', { name: /^Remove: Sales-ready in 30\+ days/ }).click();
    await page.waitForURL((url) => !url.searchParams.has('srDays'));
    await expect
      .poll(async () => digits(await page.getByTestId('leads-total').textContent()))
      .toBe(String(speed.totals.salesReady));
  });

  it('drills down from a source to its leads, with the same count', async () => {
    await page.goto(`${baseUrl}/sources?view=cohort`);
    const table = page.getByTestId('sources-table');
    await table.waitFor();
    const row = table.locator('[data-testid^="source-row-"]').first();
    const testId = defined(await row.getAttribute('data-testid'));
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
