import { mkdirSync, readFileSync } from 'node:fs';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, seriousA11yViolations, signInAsDemo } from '../helpers/browser';
import { readPdf } from '../helpers/export-files';

const artifacts = 'test-results/e2e';
/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

const describeViolations = (violations: Awaited<ReturnType<typeof seriousA11yViolations>>) =>
  violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

describeInBrowser('the board pack page in Chromium', () => {
  const baseUrl = defined(inject('e2eUrl'));
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
    const quarter = defined(new URL(page.url()).searchParams.get('quarter'));
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
    const pdf = await readPdf(readFileSync(defined(await download.path())));
    const summary = defined(pdf.text.find((p) => p.includes('Executive summary Fiscal quarter')));
    expect(summary).toContain(`Commentary ${note}`);
  }, 180_000);

  it('makes a share link whose page shows a visitor the quarter’s board pack, read-only and accessible', async () => {
    await page.getByTestId('share-label').fill('Board meeting');
    await page.getByTestId('share-create').click();
    const url = await page.getByTestId('share-url').inputValue();
    expect(url).toMatch(new RegExp(`^${baseUrl}/share/srl_[A-Za-z0-9_-]{43}$`));

    const token = defined(url.split('/share/')[1]);
    const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      // The figures the page itself was given: the PDF's source, frozen or live, and said which.
      const [response] = await Promise.all([
        visitor.waitForResponse((r) => new URL(r.url()).pathname === `/api/share/${token}`, {
          timeout: 60_000,
        }),
        visitor.goto(url),
      ]);
      const pack = await response.json();
      await visitor.getByTestId('shared-kpis').waitFor({ timeout: 60_000 });
      expect(await visitor.getByTestId('shared-download').getAttribute('href')).toBe(
        `/api/share/${token}/board-pack.pdf`,
      );
      const whole = (n: number) => new Intl.NumberFormat('en-US').format(n);
      const tiles = visitor.getByTestId('shared-kpis').locator('.shared-kpi');
      expect(await tiles.count()).toBe(8);
      expect(await tiles.first().locator('.kpi-value').textContent()).toBe(whole(pack.kpis.leads.value));
      expect(await visitor.getByTestId('shared-status').textContent()).toMatch(
        pack.status.state === 'closed' ? /^Frozen figures\./ : /^Live figures\./,
      );
      expect(await visitor.getByTestId('shared-status').textContent()).toContain('Data freshness');

      expect(await visitor.getByTestId('shared-pacing-table').locator('tbody tr').count()).toBe(4);
      const sourceRows = visitor.getByTestId('shared-sources-table').locator('tbody tr');
      expect(await sourceRows.count()).toBe(pack.sources.rows.length + 1);
      expect(pack.sources.rows.length).toBeGreaterThan(1);
      const total = await sourceRows.last().locator('td').first().textContent();
      expect(total).toBe(whole(pack.sources.totals.leads));
      expect(await visitor.getByTestId('shared-marketing').locator('tbody tr').count()).toBe(2);
      const leadStage = await visitor
        .getByTestId('shared-funnel-lead')
        .locator('.funnel-count')
        .textContent();
      expect(leadStage).toBe(whole(pack.funnel.stages[0].count));
      expect(pack.funnel.stages[0].count).toBeGreaterThan(0);
      expect(await visitor.getByTestId('shared-cohorts-table').locator('tbody tr').count()).toBe(8);
      expect(await visitor.getByTestId('shared-speed-figures').textContent()).toContain(
        'P75 days to sales-ready',
      );
      expect(await visitor.getByTestId('shared-handoff-figures').textContent()).toContain(
        whole(pack.handoff.overall.salesReady),
      );
      for (const chart of ['shared-sources-chart', 'shared-cohorts-chart']) {
        await visitor.locator(`[data-testid="${chart}"][data-ready="true"]`).waitFor();
      }
      // Aggregates only: the page names no lead, company or owner.
      expect(
        keysOf(pack).filter((k) => ['company', 'externalId', 'owner', 'email', 'id'].includes(k)),
      ).toEqual([]);

      await visitor.screenshot({ path: `${artifacts}/board-pack-shared.png`, fullPage: true });
      expect(describeViolations(await seriousA11yViolations(visitor))).toEqual([]);

      // At 1024 px nothing scrolls sideways: neither the page nor any of its tables.
      await visitor.setViewportSize({ width: 1024, height: 800 });
      // The charts redraw to their new width on the next frames.
      await visitor.waitForFunction(() =>
        Array.from(document.querySelectorAll('[data-testid$="-chart"]')).every(
          (c) => (c.querySelector('svg')?.getBoundingClientRect().width ?? 0) <= c.clientWidth,
        ),
      );
      const overflow = await visitor.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        tables: Array.from(document.querySelectorAll('.table-scroll')).map(
          (el) => el.scrollWidth - el.clientWidth,
        ),
      }));
      expect(overflow.page).toBeLessThanOrEqual(0);
      expect(overflow.tables.filter((d) => d > 0)).toEqual([]);
      await visitor.screenshot({ path: `${artifacts}/board-pack-shared-1024.png`, fullPage: true });

      // A link that opens nothing says so, in the same accessible frame.
      await visitor.goto(`${baseUrl}/share/srl_${'A'.repeat(43)}`);
      await visitor.getByTestId('shared-invalid').waitFor();
      expect(describeViolations(await seriousA11yViolations(visitor))).toEqual([]);
    } finally {
      await visitor.close();
    }
  }, 120_000);
});
