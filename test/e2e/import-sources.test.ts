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

// Leads of 2019, before the demo's two years: the dashboard's figures stay as they were.
const csv = [
  'id,created_at,source',
  'alias-e2e-1,2019-05-02,paid_search',
  'alias-e2e-2,2019-05-03,PPC',
  'alias-e2e-3,2019-05-04,Organic Search ',
  'alias-e2e-4,2019-05-05,Webinar',
  'alias-e2e-5,2019-05-06,Trade fairs 2019',
].join('\n');

describeInBrowser('the import wizard confirms the sources a file names before importing', () => {
  const baseUrl = defined(inject('e2eUrl'));
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signInAsDemo(page, baseUrl);
  });
  afterAll(() => browser?.close());

  it('lists each raw source with the source it joins, takes a change, imports and remembers it', async () => {
    await page.goto(`${baseUrl}/imports`);
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'sources.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-next').click();
    const confirm = page.getByTestId('source-confirm');
    await confirm.getByTestId('source-confirm-row').first().waitFor({ timeout: 30_000 });
    const rows = confirm.getByTestId('source-confirm-row');
    const read = async () =>
      Object.fromEntries(
        await Promise.all(
          (await rows.all()).map(async (row) => {
            const select = row.getByTestId('source-confirm-select');
            const chosen = await select.evaluate(
              (el: HTMLSelectElement) => el.selectedOptions[0]?.textContent,
            );
            return [defined(await row.locator('.source-confirm-raw').textContent()), chosen];
          }),
        ),
      );
    expect(await read()).toEqual({
      'Organic Search': 'Organic search',
      PPC: 'Paid search',
      'Trade fairs 2019': 'New source “Trade fairs 2019”',
      Webinar: 'Webinars',
      paid_search: 'Paid search',
    });
    await page.screenshot({ path: 'test-results/e2e/screens/import-sources-390.png', fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    const overflow = await sidewaysOverflow(page);
    expect(overflow.px, overflow.boxes).toBeLessThanOrEqual(0);

    // The admin says the trade fairs are the events source.
    await rows
      .filter({ hasText: 'Trade fairs 2019' })
      .getByTestId('source-confirm-select')
      .selectOption({ label: 'Events & trade shows' });
    expect(await rows.filter({ hasText: 'Trade fairs 2019' }).textContent()).toContain('your choice');
    await page.getByTestId('import-start').click();
    await expect
      .poll(async () => (await page.getByTestId('import-status').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/complete|done|imported/i);
    expect(await page.getByTestId('import-inserted').textContent()).toBe('5');

    // No source was made for any of the five names, and the choice is remembered for the next import.
    const sources = (await (await page.request.get(`${baseUrl}/api/sources`)).json()).sources as {
      name: string;
    }[];
    const names = sources.map((s) => s.name);
    for (const raw of ['paid_search', 'PPC', 'Webinar', 'Trade fairs 2019']) expect(names).not.toContain(raw);
    const match = await page.request.post(`${baseUrl}/api/sources/match`, {
      data: { names: ['Trade fairs 2019', 'PPC'] },
      headers: { origin: baseUrl },
    });
    expect(
      (await match.json()).matches.map((m: { sourceName: string; how: string }) => [m.sourceName, m.how]),
    ).toEqual([
      ['Events & trade shows', 'alias'],
      ['Paid search', 'alias'],
    ]);
  });

  it('asks which source to merge into, and what moves, before merging in Settings → Sources', async () => {
    const before = (await (await page.request.get(`${baseUrl}/api/sources`)).json()).sources as {
      id: number;
      name: string;
      leads: number;
    }[];
    const webinars = defined(before.find((s) => s.name === 'Webinars'));
    await page.goto(`${baseUrl}/settings/sources`);
    await page.getByTestId(`source-merge-${webinars.id}`).click();
    const dialog = page.getByTestId('source-merge-dialog');
    const paid = defined(before.find((s) => s.name === 'Paid search'));
    await dialog.getByTestId('source-merge-into').selectOption(String(paid.id));
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain(`Its ${webinars.leads.toLocaleString('en-US')} leads`);
    expect(text).toContain('move to Paid search');
    expect(await dialog.getByRole('button', { name: 'Merge into Paid search' }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/e2e/screens/source-merge-390.png' });
    // Cancelled: nothing moved (the demo data stays whole for the other suites).
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const after = (await (await page.request.get(`${baseUrl}/api/sources`)).json()).sources;
    expect(after).toEqual(before);
  });

  it('merges a source in Settings → Sources, and the sources report counts its leads under the other', async () => {
    // Two leads of a source nobody knew, in June 2019 (before the demo's two years).
    const imported = await page.request.post(`${baseUrl}/api/imports`, {
      headers: { origin: baseUrl },
      multipart: {
        mapping: JSON.stringify({ externalId: 'id', createdAt: 'created_at', source: 'source' }),
        file: {
          name: 'podcast.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(
            'id,created_at,source\nmerge-e2e-1,2019-06-03,Podcast 2019\nmerge-e2e-2,2019-06-04,Podcast 2019',
          ),
        },
      },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    const sources = (await (await page.request.get(`${baseUrl}/api/sources`)).json()).sources as {
      id: number;
      name: string;
    }[];
    const podcast = defined(sources.find((s) => s.name === 'Podcast 2019'));
    const paid = defined(sources.find((s) => s.name === 'Paid search'));
    const periods = await (await page.request.get(`${baseUrl}/api/periods`)).json();
    const quarter = defined(
      (periods.quarters as { label: string; from: string; to: string }[]).find(
        (q) => q.from <= '2019-06-03' && '2019-06-04' < q.to,
      ),
    ).label;
    const leadsOf = async (id: number) =>
      Number(await page.getByTestId(`source-row-${id}`).locator('td').first().textContent());
    await page.goto(`${baseUrl}/sources?quarter=${quarter}`);
    await page.getByTestId(`source-row-${podcast.id}`).waitFor();
    expect(await leadsOf(podcast.id)).toBe(2);
    const paidBefore = (await page.getByTestId(`source-row-${paid.id}`).count()) ? await leadsOf(paid.id) : 0;

    await page.goto(`${baseUrl}/settings/sources`);
    await page.getByTestId(`source-merge-${podcast.id}`).click();
    const dialog = page.getByTestId('source-merge-dialog');
    await dialog.getByTestId('source-merge-into').selectOption(String(paid.id));
    await dialog.getByRole('button', { name: 'Merge into Paid search' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The list follows once the merge is in.
    await expect
      .poll(() => page.getByTestId(`source-merge-${podcast.id}`).count(), { timeout: 10_000 })
      .toBe(0);

    await page.goto(`${baseUrl}/sources?quarter=${quarter}`);
    await page.getByTestId(`source-row-${paid.id}`).waitFor();
    expect(await leadsOf(paid.id)).toBe(paidBefore + 2);
    expect(await page.getByTestId(`source-row-${podcast.id}`).count()).toBe(0);
  });
});
