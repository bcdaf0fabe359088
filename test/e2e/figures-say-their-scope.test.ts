import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, signInAsDemo } from '../helpers/browser';

const digits = (text: string | null) => (text ?? '').replace(/[^0-9]/g, '');

describeInBrowser(
  'figures say what they count: the hand-off scope, the influence window, the rates (demo data)',
  () => {
    const baseUrl = defined(inject('e2eUrl'));
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await signInAsDemo(page, baseUrl);
    });
    afterAll(() => browser?.close());

    const tabCount = async (tab: 'neglected' | 'stalled') =>
      digits(await page.getByTestId(`handoff-tab-${tab}`).locator('.tab-count').textContent());

    it('shows the same waiting counts on the summary tile, the tabs and the lists, with the scope in words', async () => {
      await page.goto(`${baseUrl}/handoff`);
      await page.waitForURL((url) => url.searchParams.has('quarter'));
      const quarter = defined(new URL(page.url()).searchParams.get('quarter'));
      const api = await (await page.request.get(`${baseUrl}/api/metrics/handoff?quarter=${quarter}`)).json();
      expect(api.scope).toMatchObject({ basis: 'period', from: api.period.from, to: api.period.to });
      const tile = page.getByTestId('handoff-waiting-scope');
      await expect.poll(() => tile.textContent()).toContain('of the SRLs sales-ready in Q');
      await expect.poll(() => tabCount('neglected')).toBe(String(api.neglected));
      await expect.poll(() => tabCount('stalled')).toBe(String(api.stalled));
      expect(digits(await page.getByTestId('handoff-neglected-link').textContent())).toBe(
        String(api.neglected),
      );
      const words = await page.getByTestId('handoff-tabs-scope').textContent();
      expect(words).toMatch(/^Neglected and stalled count the leads that became sales-ready in Q/);

      // The stalled tab keeps the quarter: its list totals what the tab and the tile said.
      await page.getByTestId('handoff-tab-stalled').click();
      await page.waitForURL((url) => url.pathname === '/handoff/stalled');
      expect(new URL(page.url()).searchParams.get('quarter')).toBe(quarter);
      await expect
        .poll(async () => (await page.locator('.table-count').textContent()) ?? '')
        .toMatch(new RegExp(`of ${api.stalled.toLocaleString('en-US')}$`));
      expect(await page.getByTestId('handoff-tabs-scope').textContent()).toBe(words);
    });

    it('without a period, the lists, their tab counts and the words all say the last 365 days', async () => {
      await page.goto(`${baseUrl}/handoff/neglected`);
      const api = await (await page.request.get(`${baseUrl}/api/metrics/handoff`)).json();
      const list = await (
        await page.request.get(`${baseUrl}/api/metrics/handoff/neglected?pageSize=1`)
      ).json();
      expect(api.scope).toEqual(list.scope);
      expect(api.neglected).toBe(list.total);
      await expect
        .poll(async () => (await page.getByTestId('handoff-tabs-scope').textContent()) ?? '')
        .toContain('in the last 365 days');
      await expect.poll(() => tabCount('neglected')).toBe(String(list.total));
      await expect.poll(() => tabCount('stalled')).toBe(String(api.stalled));
    });

    it('says the influence window beside the marketing contribution', async () => {
      await page.goto(`${baseUrl}/sources`);
      await expect
        .poll(async () => (await page.getByTestId('influence-window').textContent()) ?? '')
        .toContain('within 90 days before the opportunity');
      await page.getByTestId('contribution-by-source-revenue').waitFor();
    });

    it('shows each rate of the period view with the counts it divides, and says of whom', async () => {
      await page.goto(`${baseUrl}/sources?view=period`);
      await page.waitForURL((url) => url.searchParams.has('quarter'));
      const quarter = defined(new URL(page.url()).searchParams.get('quarter'));
      const api = await (
        await page.request.get(`${baseUrl}/api/metrics/sources?quarter=${quarter}&view=period`)
      ).json();
      const total = page.getByTestId('sources-total');
      await total.waitFor();
      const t = api.totals;
      await expect
        .poll(async () => (await total.textContent()) ?? '')
        .toContain(
          `${t.opportunitiesThenWon.toLocaleString('en-US')}/${t.opportunities.toLocaleString('en-US')}`,
        );
      const note = page.getByTestId('sources-rate-note');
      await expect
        .poll(async () => (await note.textContent()) ?? '')
        .toContain(api.rateBases.opportunityToWon.description);
      expect(await note.textContent()).toContain('in the period view they are not the counts beside it');
    });

    it('offers the influence window on the Settings page, 90 days by default', async () => {
      await page.goto(`${baseUrl}/settings`);
      const field = page.getByLabel('Influence window');
      await field.waitFor();
      expect(await field.inputValue()).toBe('90');
    });
  },
);
