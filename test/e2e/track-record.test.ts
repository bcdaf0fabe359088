import { trackRecordSentence } from '@salesready/api/figures/track-record-words';
import { expect, it } from 'vitest';
import { demoPage, describeInBrowser } from '../helpers/browser';

describeInBrowser('the forecast’s track record on the Pacing page', () => {
  const demo = demoPage({ width: 390, height: 844 });

  it('states under the chart the record the API answers, for each metric, and the coverage trend', async () => {
    const { page, baseUrl } = demo;
    await page.goto(`${baseUrl}/pacing`);
    await page.waitForURL((url) => url.searchParams.has('quarter'));
    for (const metric of ['leads', 'revenue'] as const) {
      await page.getByTestId(`pacing-metric-${metric}`).click();
      const note = page.getByTestId(`track-record-${metric}`);
      await note.waitFor();
      // The demo's record is being built in the background: the page and the API are read together
      // until they agree (a slice may land between the two reads).
      await expect
        .poll(
          async () => {
            await page.reload();
            const shown = await note.textContent();
            const body = await (await page.request.get(`${baseUrl}/api/metrics/pacing`)).json();
            return shown === trackRecordSentence(body.metrics[metric].trackRecord);
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true);
      expect(await note.getAttribute('data-range-from')).toMatch(/^(record|model)$/);
    }
    // Next quarter's coverage week by week: one bar per week kept, and now (none before a week is kept).
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('next-quarter').waitFor();
          const shown = await page.getByTestId('coverage-trend-point').count();
          const body = await (await page.request.get(`${baseUrl}/api/metrics/pacing`)).json();
          const kept = body.nextQuarter.trend.length;
          return shown === (kept === 0 ? 0 : kept + 1);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await page.getByTestId('track-record-revenue').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/e2e/screens/pacing-track-record-390.png' });
  });
});
