import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, signInAsDemo } from '../helpers/browser';

// Pages with the controls a phone user taps: segmented controls, pickers, tabs, buttons.
const pages = [
  { path: '/', ready: 'kpi-leads' },
  { path: '/sources', ready: 'sources-table' },
  { path: '/funnel', ready: 'funnel-table' },
  { path: '/pacing', ready: 'gap-table' },
  { path: '/board-pack', ready: 'pack-preview' },
  { path: '/settings/sources', ready: 'settings-sources' },
];

// Controls, not words in a sentence: a link inside running text is exempt (WCAG 2.5.8's inline exception).
const controls = [
  'button:not(.visually-hidden)',
  'select',
  'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"])',
  '.segmented-option span',
  'a.button',
  '[role="tab"]',
  '.tab',
].join(', ');

describeInBrowser('touch targets on a phone (390 × 844)', () => {
  const baseUrl = defined(inject('e2eUrl'));
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInAsDemo(page, baseUrl);
  });
  afterAll(() => browser?.close());

  it('makes every control at least 44 px high, the options of segmented controls included', async () => {
    const small: string[] = [];
    let measured = 0;
    for (const { path, ready } of pages) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByTestId(ready).first().waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle');
      const found = await page.locator(controls).evaluateAll((els) =>
        els
          .filter((el) => {
            const box = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            return (
              box.width > 1 &&
              box.height > 1 &&
              style.visibility !== 'hidden' &&
              !el.closest('[hidden], dialog:not([open])')
            );
          })
          .map((el) => ({
            name: `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').split(' ')[0]} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}"`,
            height: Math.round(el.getBoundingClientRect().height * 10) / 10,
          })),
      );
      measured += found.length;
      for (const f of found) if (f.height < 44) small.push(`${path}: ${f.name} is ${f.height} px high`);
    }
    expect(measured).toBeGreaterThan(40);
    expect(small).toEqual([]);
  });

  it('keeps the glossary out of the navigation, reachable from a figure’s info icon', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('kpi-leads').waitFor();
    await page.getByTestId('menu-button').click();
    const nav = await page.locator('.topbar a').allTextContents();
    expect(nav.join(' ')).not.toMatch(/glossary/i);
    await page.keyboard.press('Escape');
    await page
      .getByTestId('kpi-salesReady')
      .getByRole('link', { name: /what SRLs means/i })
      .click();
    await page.waitForURL((url) => url.pathname === '/glossary');
  });
});
