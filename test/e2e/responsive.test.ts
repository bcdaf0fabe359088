import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defined } from '@salesready/db/defined';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, seriousA11yViolations, signInAsDemo } from '../helpers/browser';

// Screenshots go to test-results/ on every run; `SCREENS=docs pnpm test:e2e` refreshes the committed
// ones in docs/screens/ (each run changes their bytes, so they are refreshed on purpose, not by CI).
const screens = fileURLToPath(
  new URL(
    process.env.SCREENS === 'docs' ? '../../docs/screens/' : '../../test-results/e2e/screens/',
    import.meta.url,
  ),
);

const sizes = [
  { label: '390', width: 390, height: 844 },
  { label: '1280', width: 1280, height: 800 },
] as const;

// Every signed-in page, and what shows that it rendered with data.
const pages: { name: string; path: string; ready: string; windowOnly?: boolean }[] = [
  { name: 'overview', path: '/', ready: 'kpi-leads' },
  { name: 'sources', path: '/sources', ready: 'sources-table' },
  { name: 'funnel', path: '/funnel', ready: 'funnel-table' },
  { name: 'speed', path: '/speed', ready: 'speed-table' },
  { name: 'cohorts', path: '/cohorts', ready: 'cohort-heatmap' },
  { name: 'pacing', path: '/pacing', ready: 'gap-table' },
  { name: 'handoff', path: '/handoff', ready: 'handoff-page' },
  { name: 'neglected', path: '/handoff/neglected', ready: 'neglected-table' },
  { name: 'leads', path: '/leads', ready: 'leads-table' },
  // The lead's drawer covers the window: its picture is the window, not the list under it.
  { name: 'lead', path: '/leads?lead=1', ready: 'lead-timeline', windowOnly: true },
  { name: 'board-pack', path: '/board-pack', ready: 'board-pack-download' },
  { name: 'glossary', path: '/glossary', ready: 'glossary-figure' },
  { name: 'settings-general', path: '/settings', ready: 'settings-page' },
  { name: 'settings-sources', path: '/settings/sources', ready: 'settings-page' },
  { name: 'settings-targets', path: '/settings/targets', ready: 'settings-page' },
  { name: 'settings-spend', path: '/settings/spend', ready: 'spend-grid' },
  { name: 'settings-subscriptions', path: '/settings/subscriptions', ready: 'settings-subscriptions' },
  { name: 'settings-tokens', path: '/settings/tokens', ready: 'settings-page' },
  { name: 'settings-users', path: '/settings/users', ready: 'settings-page' },
  { name: 'settings-sso', path: '/settings/sso', ready: 'sso-card' },
  { name: 'settings-security', path: '/settings/security', ready: 'settings-page' },
  { name: 'settings-audit', path: '/settings/audit', ready: 'settings-page' },
  { name: 'imports', path: '/imports', ready: 'import-page' },
];

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The boxes of the visible text inside `selector`, one per text node (a line that wraps is one box). */
function textBoxes(page: Page, selector: string): Promise<Box[]> {
  return page.evaluate((sel) => {
    const boxes: Box[] = [];
    // Screen-reader-only text sits in a 1 px box: not drawn, so it overlaps nothing.
    const unseen = (node: Node, root: Element) => {
      for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) return true;
      }
      return false;
    };
    const roots = document.querySelectorAll(sel);
    for (let i = 0; i < roots.length; i++) {
      const root = roots.item(i);
      if (!root) continue;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        if (!text || unseen(node, root)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = range.getClientRects();
        for (let j = 0; j < rects.length; j++) {
          const r = rects.item(j);
          if (!r || r.width <= 1 || r.height <= 1) continue;
          boxes.push({ text, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
        }
      }
    }
    return boxes;
  }, selector);
}

/** Pairs of text boxes that cover each other by more than a pixel either way. */
function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = defined(boxes[i]);
      const b = defined(boxes[j]);
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) found.push(`"${a.text}" × "${b.text}"`);
    }
  }
  return found;
}

/** How far the page runs past the window, once layout has settled (resize observers run after a frame). */
async function sideways(page: Page): Promise<number> {
  const measure = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  let wider = await measure();
  for (let tries = 0; wider > 0 && tries < 12; tries++) {
    await page.waitForTimeout(250);
    wider = await measure();
  }
  return wider;
}

/** The innermost elements that reach past the window's right edge, named for the failure message. */
function pastTheEdge(page: Page): Promise<string> {
  return page.evaluate(() => {
    const edge = window.innerWidth;
    const past = Array.from(document.querySelectorAll('body *')).filter((el) => {
      const box = el.getBoundingClientRect();
      return (
        box.width > 0 &&
        box.right > edge + 0.5 &&
        !Array.from(el.children).some((c) => c.getBoundingClientRect().right > edge + 0.5)
      );
    });
    return past
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${String(el.getAttribute('class') ?? '').split(' ')[0]} "${(el.textContent ?? '').slice(0, 40)}"`,
      )
      .join('; ');
  });
}

async function settle(page: Page, ready: string): Promise<void> {
  await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  // Charts flag `data-ready` once drawn; wait for every one on the page.
  await expect.poll(() => page.locator('[data-ready="false"]').count(), { timeout: 10_000 }).toBe(0);
}

function describeViolations(violations: Awaited<ReturnType<typeof seriousA11yViolations>>): string[] {
  return violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

describeInBrowser('every page on a phone (390 × 844) and a laptop (1280 × 800)', () => {
  const baseUrl = defined(inject('e2eUrl'));
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(screens, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    await signInAsDemo(page, baseUrl);
  });
  afterAll(() => browser?.close());

  for (const size of sizes) {
    it(`lays out every page at ${size.width} px: nothing sideways, no serious accessibility violation`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const problems: string[] = [];
      for (const { name, path, ready, windowOnly } of pages) {
        await page.goto(`${baseUrl}${path}`);
        await settle(page, ready);
        const wider = await sideways(page);
        if (wider > 0)
          problems.push(
            `${name}: the page is ${wider} px wider than the window (${await pastTheEdge(page)})`,
          );
        await page.screenshot({ path: `${screens}${name}-${size.label}.png`, fullPage: !windowOnly });
        for (const v of describeViolations(await seriousA11yViolations(page))) problems.push(`${name}: ${v}`);
      }
      expect(problems).toEqual([]);
    });

    it(`shows the gap panel, the alerts and the KPI tiles without overlapping text at ${size.width} px`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.goto(`${baseUrl}/`);
      await settle(page, 'kpi-leads');
      await page.getByTestId('gap-value').waitFor();
      const gap = await textBoxes(page, '.gap-panel');
      const tiles = await textBoxes(page, '.kpi-grid');
      expect(gap.length).toBeGreaterThan(8);
      expect(tiles.length).toBeGreaterThan(10);
      expect(overlaps(gap)).toEqual([]);
      expect(overlaps(tiles)).toEqual([]);
      // The alerts read as lines, not a word a line.
      const alerts = await textBoxes(page, '.alerts-card');
      expect(overlaps(alerts)).toEqual([]);
      for (const title of await page.locator('.alert-title').all()) {
        const { width } = defined(await title.boundingBox());
        // Squeezed beside the severity and the side card, a title was 70 px wide: a word a line.
        expect(width).toBeGreaterThan(240);
      }
      // The four figures stand apart: none of them shares a line with another's value.
      const values = await page.locator('.gap-figure-value').allTextContents();
      expect(values.length).toBe(4);
      for (const v of values) expect(v).toMatch(/^[^\d]*[\d,.]+[^\d]*$/);
    });
  }

  it('lays out every page on a tablet held upright (768 px) without sideways scrolling', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    const wider: string[] = [];
    for (const { name, path, ready } of pages) {
      await page.goto(`${baseUrl}${path}`);
      await settle(page, ready);
      const by = await sideways(page);
      if (by > 0) wider.push(`${name}: ${by} px`);
    }
    expect(wider).toEqual([]);
  });

  it('signs in from the login page on a phone without sideways scrolling', async () => {
    const signedOut = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const tab = await signedOut.newPage();
    await tab.goto(`${baseUrl}/login`);
    await tab.getByTestId('login-form').waitFor();
    await tab.waitForLoadState('networkidle');
    expect(await sideways(tab)).toBeLessThanOrEqual(0);
    await tab.screenshot({ path: `${screens}login-390.png`, fullPage: true });
    expect(describeViolations(await seriousA11yViolations(tab))).toEqual([]);
    await tab.setViewportSize({ width: 1280, height: 800 });
    await tab.screenshot({ path: `${screens}login-1280.png`, fullPage: true });
    await signedOut.close();
  });

  it('folds the navigation into a menu on a phone, opened and closed from the keyboard', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/`);
    await settle(page, 'kpi-leads');
    const button = page.getByTestId('menu-button');
    const funnel = page.getByTestId('nav-funnel');
    expect(await funnel.isVisible()).toBe(false);
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    await button.focus();
    await page.keyboard.press('Enter');
    await funnel.waitFor({ state: 'visible' });
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    // From inside the menu, Escape closes it and the focus goes back to the button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    await page.keyboard.press('Escape');
    await funnel.waitFor({ state: 'hidden' });
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    // Opened again, a link takes the reader to its page, and the menu folds away.
    await page.keyboard.press('Enter');
    await funnel.waitFor({ state: 'visible' });
    await page.screenshot({ path: `${screens}menu-390.png` });
    await funnel.click();
    await page.waitForURL((url) => url.pathname === '/funnel');
    await funnel.waitFor({ state: 'hidden' });

    // Touch targets in the top bar are at least 44 px high on a phone.
    await button.click();
    await funnel.waitFor({ state: 'visible' });
    const heights = await page
      .locator('.topbar :is(a, button):visible')
      .evaluateAll((els) =>
        els.map((el) => [el.textContent?.trim() ?? '', el.getBoundingClientRect().height]),
      );
    expect(heights.length).toBeGreaterThan(10);
    for (const [label, height] of heights)
      expect(height, `${label} is ${height} px high`).toBeGreaterThanOrEqual(44);
    await page.keyboard.press('Escape');

    // On a laptop the sections are in the bar and there is no menu button.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await button.isVisible()).toBe(false);
    expect(await funnel.isVisible()).toBe(true);
  });

  it('names the days histogram buckets in whole days, no number in two buckets', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/speed`);
    await settle(page, 'speed-table');
    const names = await page
      .locator('table', {
        has: page.locator('caption', { hasText: 'SRLs by days from creation to sales-ready' }),
      })
      .locator('tbody th')
      .allTextContents();
    expect(names).toEqual([
      'Under 1 day',
      '1–2 days',
      '3–6 days',
      '7–13 days',
      '14–29 days',
      '30–59 days',
      '60–89 days',
      '90+ days',
    ]);
  });

  it('shows amounts in the currency chosen in Settings', async () => {
    const put = (currency: string) =>
      page.request.put(`${baseUrl}/api/settings`, { data: { currency }, headers: { origin: baseUrl } });
    await page.setViewportSize({ width: 1280, height: 800 });
    expect((await put('EUR')).status()).toBe(200);
    try {
      await page.goto(`${baseUrl}/`);
      await settle(page, 'kpi-leads');
      const revenue = page.getByTestId('kpi-wonRevenue').getByTestId('kpi-value');
      await expect.poll(() => revenue.textContent()).toMatch(/^€/);
      await page.goto(`${baseUrl}/pacing`);
      await settle(page, 'gap-table');
      const pacingText = await page.locator('main').textContent();
      expect(pacingText).toContain('€');
      expect(pacingText).not.toMatch(/\$\d/);
    } finally {
      expect((await put('USD')).status()).toBe(200);
    }
  });
});
