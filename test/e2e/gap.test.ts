import { mkdirSync } from 'node:fs';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, signInAsDemo } from '../helpers/browser';

const artifacts = 'test-results/e2e';

/** The quarter before `label` (fiscal labels step the same way whatever the start month). */
function previousQuarter(label: string): string {
  const [year, q] = label.split('-Q').map(Number) as [number, number];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

describeInBrowser('the gap, in shares that add up and in closed quarters that read as closed', () => {
  const server = { url: defined(inject('e2eUrl')) };
  let browser: Browser;
  let page: Page;
  let current: string;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAsDemo(page, server.url);
    current = (await (await page.request.get(`${server.url}/api/metrics/pacing`)).json()).quarter.label;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows each metric’s contributors with shares of the short sources, the sources ahead covering part', async () => {
    const pacing = await (await page.request.get(`${server.url}/api/metrics/pacing`)).json();
    for (const metric of ['leads', 'salesReady', 'pipeline', 'revenue']) {
      await page.goto(`${server.url}/?metric=${metric}`);
      const panel = page.getByTestId('gap-panel');
      await panel.getByTestId('gap-value').waitFor();
      const shares = (await panel.locator('.contributor-share').allTextContents()).map((t) =>
        Number.parseInt(t, 10),
      );
      for (const share of shares) {
        expect(share, metric).toBeGreaterThanOrEqual(0);
        expect(share, metric).toBeLessThanOrEqual(100);
      }
      expect(
        shares.reduce((s, x) => s + x, 0),
        metric,
      ).toBeLessThanOrEqual(100);
      const e = pacing.metrics[metric].explained;
      const offsetShown = (await panel.getByTestId('gap-offset').count()) > 0;
      expect(offsetShown, metric).toBe(e !== null && e.gap > 0 && e.offset > 0 && shares.length > 0);
      if (metric === 'salesReady') await panel.screenshot({ path: `${artifacts}/gap-panel-${metric}.png` });
    }
  });

  it('adds the pacing table’s shares up to 100.0% and lists the sources ahead as covering the shortfall', async () => {
    await page.goto(`${server.url}/pacing?metric=salesReady`);
    const table = page.getByTestId('gap-table');
    await table.waitFor();
    const cells = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r.querySelectorAll('td')[7]?.textContent ?? '').trim()));
    const shares = cells.filter((c) => /%$/.test(c)).map((c) => Number.parseFloat(c));
    if (shares.length > 0) expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(100, 6);
    for (const share of shares) expect(share).toBeLessThanOrEqual(100);
    await table.screenshot({ path: `${artifacts}/gap-table-srl.png` });
  });

  it('reads a past quarter as closed on the overview and the pacing page: actual against target, nothing projected', async () => {
    const closed = previousQuarter(current);
    await page.goto(`${server.url}/?quarter=${closed}`);
    const panel = page.getByTestId('gap-panel');
    await panel.getByText(/Quarter closed/).waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).not.toMatch(/Projection|Projected|P10|Expected by now|What it takes|weeks left/);
    expect(text).toMatch(/Ended .*(short of|ahead of|on) target|Ended on target/);
    await panel.screenshot({ path: `${artifacts}/gap-panel-closed.png` });

    await page.goto(`${server.url}/pacing?quarter=${closed}`);
    const table = page.getByTestId('gap-table');
    await table.waitFor();
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).not.toContain('Projection');
    expect(headers).not.toContain('P10–P90');
    expect(headers).not.toContain('Expected by now');
    await table.screenshot({ path: `${artifacts}/gap-table-closed.png` });
    // The page around it reads the same: final against target on the cards, nothing left to close.
    const cards = (await page.locator('.metric-cards').textContent()) ?? '';
    expect(cards).not.toMatch(/projected|of expected|so far/);
    expect(cards).toMatch(/final/);
    expect(await page.getByText('What closing it takes').count()).toBe(0);
    await page.screenshot({ path: `${artifacts}/pacing-page-closed.png`, fullPage: true });
  });

  it('shows a visitor of a closed quarter’s share link the actual against target, nothing projected', async () => {
    const closed = previousQuarter(current);
    const res = await page.request.post(`${server.url}/api/reports/share-links`, {
      headers: { origin: server.url, 'content-type': 'application/json' },
      data: { quarter: closed, days: 1, label: 'Closed quarter' },
    });
    expect(res.status()).toBe(201);
    const { token } = await res.json();
    const visitor = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await visitor.goto(`${server.url}/share/${token}`);
      const table = visitor.getByTestId('shared-pacing-table');
      await table.waitFor({ timeout: 60_000 });
      const section = table.locator('xpath=../..');
      const all = (await section.textContent()) ?? '';
      const text = all.slice(all.indexOf('Pacing and the gap') + 'Pacing and the gap'.length);
      expect(text).toMatch(/Quarter closed/);
      expect(text).toMatch(/short by|ahead by|on target/);
      expect(text).not.toMatch(/Projection|projected|P10|Pacing|expected|Closing it takes|weeks remaining/);
      await section.screenshot({ path: `${artifacts}/shared-pacing-closed.png` });
    } finally {
      await visitor.close();
    }
  });
});
