import { expect, it } from 'vitest';
import { demoPage, describeInBrowser } from '../helpers/browser';

const digits = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, ''));

describeInBrowser('the pipeline waterfall on the Pacing page', () => {
  const demo = demoPage({ width: 1280, height: 800 });

  it('draws the quarter’s movements, adding up, and opens the deals behind one', async () => {
    const { page, baseUrl } = demo;
    await page.goto(`${baseUrl}/pacing`);
    await page.locator('[data-testid="waterfall-chart"][data-ready="true"]').waitFor();
    await page.waitForURL((url) => url.searchParams.has('quarter'));
    const quarter = new URL(page.url()).searchParams.get('quarter');
    const res = await page.request.get(`${baseUrl}/api/metrics/pipeline-waterfall?quarter=${quarter}`);
    expect(res.status()).toBe(200);
    const { overall: o } = await res.json();
    expect(
      o.starting + o.new + o.pulledIn - o.pushedOut + o.increased - o.decreased - o.won - o.lost,
    ).toBeCloseTo(o.ending, 2);
    expect(o.deals.new + o.deals.won + o.deals.lost).toBeGreaterThan(0);
    const lost = page.getByTestId('waterfall-move-lost');
    expect(digits(await lost.locator('.waterfall-count').textContent())).toBe(o.deals.lost);
    await lost.click();
    const list = page.getByTestId('waterfall-deals');
    await list.waitFor();
    expect(digits(await list.locator('caption').textContent())).toBe(o.deals.lost);
    expect(await list.locator('tbody tr').count()).toBe(Math.min(100, o.deals.lost));
    // Each deal opens its lead.
    await list.locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/leads' && url.searchParams.has('lead'));
  });
});
