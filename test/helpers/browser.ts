import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromiumPath, launchChromium } from '@salesready/api/cli/chromium';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, inject } from 'vitest';

export { chromiumPath, launchChromium };

const present = existsSync(chromiumPath);
if (!present && process.env.CI)
  throw new Error(`Chromium is missing at ${chromiumPath}; CI installs it (apt-get install chromium)`);

/** describe() for browser suites: skipped with a notice when Chromium is absent (outside CI). */
export function describeInBrowser(name: string, fn: () => void): void {
  if (!present)
    console.warn(`\n!!! ${chromiumPath} is absent: "${name}" is SKIPPED (apt-get install -y chromium).\n`);
  describe.skipIf(!present)(name, fn);
}

/** Signs in through the login form as the demo account and waits for the overview. */
export async function signInAsDemo(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/email/i).fill('demo@salesready.local');
  await page.getByLabel(/password/i).fill('salesready-demo');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByTestId('kpi-leads').getByTestId('kpi-value').waitFor();
}

/**
 * A suite's browser page at one window size, signed in as the demo account before its tests and closed
 * after them: `demo.page` in each test.
 */
export function demoPage(viewport: { width: number; height: number }): {
  readonly page: Page;
  baseUrl: string;
} {
  const baseUrl = defined(inject('e2eUrl'));
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport });
    await signInAsDemo(page, baseUrl);
  });
  afterAll(() => browser?.close());
  return {
    get page() {
      if (!page) throw new Error('the demo page opens before the suite’s tests');
      return page;
    },
    baseUrl,
  };
}

/**
 * How far the document runs past the window's right edge (0 when it fits), with the innermost boxes that
 * do, to name in the failure.
 */
export async function sidewaysOverflow(
  page: Page,
  edge: 'window' | 'content' = 'window',
): Promise<{ px: number; boxes: string }> {
  return page.evaluate((edge) => {
    // `content`: the width beside a vertical scrollbar, past which a horizontal one appears.
    const width = edge === 'content' ? document.documentElement.clientWidth : window.innerWidth;
    const past = (el: Element) => el.getBoundingClientRect().right > width + 0.5;
    const boxes = Array.from(document.querySelectorAll('body *'))
      .filter((el) => past(el) && !Array.from(el.children).some(past))
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right - width)} px)`,
      )
      .slice(0, 4);
    return { px: document.documentElement.scrollWidth - width, boxes: boxes.join(', ') };
  }, edge);
}

const axeSource = readAxe();
function readAxe(): string {
  const require = createRequire(import.meta.url);
  return require('node:fs').readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the app's CSP (rightly) refuses inline script tags.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
