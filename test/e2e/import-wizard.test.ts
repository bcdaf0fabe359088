import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeInBrowser, launchChromium, signInAsDemo } from '../helpers/browser';

const rowsInFile = 8_000;

describeInBrowser('the import wizard sends a file in chunks and resumes it when chosen again', () => {
  const baseUrl = defined(inject('e2eUrl'));
  const dir = mkdtempSync(join(tmpdir(), 'sr-wizard-'));
  const path = join(dir, 'hubspot-contacts.csv');
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // A HubSpot contacts export (recognised by its columns), several chunks long.
    const lines = ['Record ID,Create Date,Original Source,Lifecycle Stage,Company Name'];
    for (let i = 1; i <= rowsInFile; i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      lines.push(`WZ-${i},2025-04-${day} 09:30:00,Organic search,lead,"Wizard ${i}, Inc."`);
    }
    writeFileSync(path, `${lines.join('\n')}\n`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signInAsDemo(page, baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops when the connection drops at the third chunk, then resumes from it: every row once', async () => {
    await page.goto(`${baseUrl}/imports`);
    await page.getByTestId('import-file').setInputFiles(path);
    await page.getByTestId('import-next').click();
    // Every attempt at chunk 2 fails as a dropped connection would.
    const dropped = /\/api\/imports\/\d+\/chunks\/2$/;
    await page.route(dropped, (route) => route.abort('connectionreset'));
    await page.getByTestId('import-start').click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents(), { timeout: 60_000 })
      .toContainEqual(expect.stringMatching(/connection dropped.*choose the same file again/));
    await page.unroute(dropped);

    // The laptop closed: a new page, the same file chosen again.
    await page.goto(`${baseUrl}/imports`);
    await page.getByTestId('import-file').setInputFiles(path);
    const offer = page.getByTestId('import-resume');
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/stopped before its end/);
    await offer.getByRole('button', { name: 'Resume the import' }).click();
    const status = page.getByTestId('import-status');
    await status.waitFor({ timeout: 90_000 });
    expect(await status.getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('import-read').textContent()).toBe('8,000');
    expect(await page.getByTestId('import-inserted').textContent()).toBe('8,000');

    const id = Number(new URL(page.url()).searchParams.get('import') ?? Number.NaN);
    const state = await (await page.request.get(`${baseUrl}/api/imports/${id}/chunks`)).json();
    expect(state).toMatchObject({ status: 'completed', nextChunk: null, committedBytes: state.size });
    expect(state.chunkCount).toBeGreaterThan(2);
  });
});
