import { defined } from '@salesready/db/defined';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPage, describeInBrowser, seriousA11yViolations, sidewaysOverflow } from '../helpers/browser';
import { startSlackReceiver } from '../helpers/mail-servers';

// Settings → Subscriptions, used as an admin would on a phone: a Slack subscription made, sent now, and
// its run followed on the page until Slack (a local receiver in Slack's documented shape) has it.
describeInBrowser('Settings → Subscriptions', () => {
  const demo = demoPage({ width: 390, height: 844 });
  let slack: Awaited<ReturnType<typeof startSlackReceiver>>;

  beforeAll(async () => {
    slack = await startSlackReceiver();
  });
  afterAll(() => slack?.close());

  it('subscribes a Slack channel to the digest, sends it now and shows the run', async () => {
    const { page, baseUrl } = demo;
    await page.goto(`${baseUrl}/settings/subscriptions`);
    const tab = page.getByTestId('settings-subscriptions');
    await tab.getByText('No subscriptions yet').waitFor();
    await tab.getByTestId('subscription-kind').selectOption('digest');
    await tab.getByLabel('Name (optional)').fill('CEO channel');
    await tab.getByTestId('subscription-slack').fill(slack.url);
    await tab.getByTestId('subscription-create').click();
    const item = tab.locator('.subscription-item', { hasText: 'CEO channel' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Mondays at 07:00');
    expect(await item.textContent()).toContain('Slack');

    await item.getByRole('button', { name: 'Send now' }).click();
    await expect
      .poll(() => item.locator('.status-pill').first().textContent(), { timeout: 60_000 })
      .toBe('sent');
    expect(await item.textContent()).toContain('Weekly digest');
    expect(slack.received).toHaveLength(1);
    expect(defined(slack.received[0]).text).toContain('Weekly digest');

    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({
      path: 'test-results/e2e/screens/settings-subscriptions-390.png',
      fullPage: true,
    });
    const overflow = await sidewaysOverflow(page);
    expect(overflow.px, overflow.boxes).toBeLessThanOrEqual(0);

    // Deleted with a confirmation, it is gone.
    await item.getByRole('button', { name: /Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete subscription' }).click();
    await tab.getByText('No subscriptions yet').waitFor();
  });
});
