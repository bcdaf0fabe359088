import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, seriousA11yViolations, signInAsDemo } from '../helpers/browser';

// As the responsive suite: test-results/ on every run, docs/screens/ when asked (SCREENS=docs).
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

const sections = ['summary', 'sources', 'funnel', 'speed', 'cohorts', 'handoff'] as const;

describeInBrowser(
  'the board pack page: its quarter, a preview of the pack, what has no commentary yet',
  () => {
    const baseUrl = defined(inject('e2eUrl'));
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      mkdirSync(screens, { recursive: true });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await signInAsDemo(page, baseUrl);
    });
    afterAll(() => browser?.close());

    const commentary = async (quarter: string) =>
      (await (await page.request.get(`${baseUrl}/api/reports/commentary?quarter=${quarter}`)).json())
        .sections as {
        section: string;
        title: string;
        body: string;
      }[];

    for (const size of sizes) {
      it(`lays the page out at ${size.width} px in the app's controls, nothing sideways, axe clean`, async () => {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.goto(`${baseUrl}/board-pack`);
        await page.waitForURL((url) => url.searchParams.has('quarter'));
        await page.getByTestId('pack-preview').getByTestId('shared-summary').waitFor({ timeout: 60_000 });
        await page.waitForLoadState('networkidle');
        // The quarter is chosen with the period picker every page uses, not a plain browser dropdown.
        expect(await page.getByTestId('quarter-picker').count()).toBe(1);
        expect(await page.getByTestId('board-pack-quarter').count()).toBe(0);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        ).toBeLessThanOrEqual(0);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await page.screenshot({ path: `${screens}board-pack-preview-${size.label}.png`, fullPage: true });
      });
    }

    it('previews each section of the pack with the figures the share view and the PDF print', async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${baseUrl}/board-pack`);
      await page.waitForURL((url) => url.searchParams.has('quarter'));
      const quarter = defined(new URL(page.url()).searchParams.get('quarter'));
      const preview = page.getByTestId('pack-preview');
      const tiles = preview.getByTestId('shared-kpis');
      await tiles.waitFor({ timeout: 60_000 });
      const pack = await (await page.request.get(`${baseUrl}/api/reports/preview?quarter=${quarter}`)).json();
      expect(defined(await tiles.textContent()).replace(/[^0-9]/g, '')).toContain(
        String(pack.kpis.leads.value),
      );
      for (const s of sections) {
        await preview.getByTestId(`pack-preview-tab-${s}`).click();
        await preview.getByTestId(`shared-${s}`).waitFor();
        expect(await preview.locator('.shared-section').count(), s).toBe(1);
        expect(await preview.getByTestId(`pack-preview-tab-${s}`).getAttribute('aria-selected')).toBe('true');
      }
      // The arrow keys move between the sections, as tabs do.
      await preview.getByTestId('pack-preview-tab-handoff').focus();
      await page.keyboard.press('ArrowRight');
      await preview.getByTestId('shared-summary').waitFor();
    });

    it('tells the editors which sections have no commentary, beside each and in a count near the download', async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${baseUrl}/board-pack?quarter=2025-Q2`);
      await page.getByTestId('commentary-summary').waitFor({ timeout: 60_000 });
      const expectFlags = async () => {
        const saved = await commentary('2025-Q2');
        const missing = saved.filter((s) => s.body.trim() === '');
        for (const s of saved)
          expect(await page.getByTestId(`commentary-missing-${s.section}`).count(), s.section).toBe(
            s.body.trim() === '' ? 1 : 0,
          );
        const note = page.getByTestId('commentary-missing-count');
        await expect
          .poll(() => note.textContent())
          .toContain(
            missing.length === saved.length
              ? 'No section has commentary yet'
              : `${missing.length} of ${saved.length}`,
          );
        for (const s of missing) expect(await note.textContent()).toContain(s.title);
        return missing.length;
      };
      const before = await expectFlags();
      expect(before).toBeGreaterThan(0);

      // Writing one section's commentary takes its flag away and the count down by one.
      const field = page.getByTestId('commentary-cohorts');
      const had = (await field.inputValue()).trim() !== '';
      await field.fill(had ? '' : 'Cohorts from the spring campaigns convert faster.');
      await page.getByTestId('commentary-save').click();
      await page.getByTestId('commentary').getByRole('status').getByText('Saved.').waitFor();
      await expect.poll(expectFlags).toBe(had ? before + 1 : before - 1);
      // The preview flags the same sections.
      await page.getByTestId('pack-preview-tab-cohorts').click();
      await expect.poll(() => page.getByTestId('pack-preview-missing').count()).toBe(had ? 1 : 0);
    });
  },
);
