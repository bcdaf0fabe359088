import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defined } from '@salesready/db/defined';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInBrowser,
  launchChromium,
  seriousA11yViolations,
  sidewaysOverflow,
} from '../helpers/browser';
import { type RunningServer, startServer } from '../helpers/server-process';

// Settings → Connectors as an admin uses it, against a server of its own whose HUBSPOT_API_BASE is a
// local stand-in answering in the shapes of HubSpot's CRM API v3 reference (object pages, search,
// owners, the lifecycle stage property with a custom stage). Done at 390 and 1,280 px.
const token = 'pat-na1-e2e-0123456789abcdef';
let edits = 0;
const contacts: { id: string; properties: Record<string, string> }[] = [
  {
    id: '1',
    properties: {
      createdate: '2025-10-01T00:00:00Z',
      hs_analytics_source: 'PAID_SEARCH',
      lifecyclestage: 'marketingqualifiedlead',
    },
  },
  { id: '2', properties: { createdate: '2025-10-02T00:00:00Z', hs_analytics_source: 'DIRECT_TRAFFIC' } },
  { id: '3', properties: { createdate: '' } },
];
const lifecycleStage = {
  name: 'lifecyclestage',
  label: 'Lifecycle Stage',
  type: 'enumeration',
  fieldType: 'radio',
  options: [
    { label: 'Lead', value: 'lead', displayOrder: 0, hidden: false },
    { label: 'Marketing Qualified Lead', value: 'marketingqualifiedlead', displayOrder: 1, hidden: false },
    { label: 'Demo booked', value: '1234567', displayOrder: 2, hidden: false },
    { label: 'Sales Qualified Lead', value: 'salesqualifiedlead', displayOrder: 3, hidden: false },
    { label: 'Opportunity', value: 'opportunity', displayOrder: 4, hidden: false },
    { label: 'Customer', value: 'customer', displayOrder: 5, hidden: false },
  ],
};

describeInBrowser('Settings → Connectors', () => {
  let hubspot: Server;
  let server: RunningServer;
  let browser: Browser;
  let cookie: { name: string; value: string };

  beforeAll(async () => {
    hubspot = createServer((req, res) => {
      const url = new URL(defined(req.url), 'http://localhost');
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== `Bearer ${token}`) {
        return send(401, { status: 'error', message: 'Authentication credentials not found.' });
      }
      if (url.pathname === '/crm/v3/properties/contacts/lifecyclestage') return send(200, lifecycleStage);
      if (url.pathname === '/crm/v3/owners') return send(200, { results: [] });
      if (url.pathname === '/crm/v3/objects/contacts' && url.searchParams.get('archived') !== 'true') {
        return send(200, { results: contacts });
      }
      // Since the last sync, contact 1 changed; the answer takes a moment, as a real CRM's does.
      if (url.pathname === '/crm/v3/objects/contacts/search') {
        defined(contacts[0]).properties.company = `Acme ${++edits}`;
        setTimeout(() => send(200, { total: 1, results: [contacts[0]] }), 1500);
        return;
      }
      return send(200, { results: [] });
    });
    await new Promise<void>((resolve) => hubspot.listen(0, '127.0.0.1', resolve));
    server = await startServer({
      SEED_DEMO: 'never',
      HUBSPOT_API_BASE: `http://127.0.0.1:${(hubspot.address() as AddressInfo).port}`,
    });
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'admin@example.com', password: 'a long e2e password 42', name: 'Admin' }),
    });
    expect(setup.status).toBe(201);
    const [name, value] = defined(defined(setup.headers.get('set-cookie')).split(';')[0]).split('=') as [
      string,
      string,
    ];
    cookie = { name, value };
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => hubspot?.close(resolve));
  });

  const openTab = async (width: number): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    await context.addCookies([{ ...cookie, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/settings/connectors`);
    return page;
  };

  for (const [round, width] of [390, 1280].entries()) {
    it(`connects HubSpot, syncs now, changes the mapping and disconnects at ${width} px`, async () => {
      const page = await openTab(width);
      const tab = page.getByTestId('settings-connectors');
      await tab.getByText('No CRM connected yet').waitFor();
      if (round === 0) {
        await page.screenshot({
          path: `test-results/e2e/screens/settings-connectors-empty-${width}.png`,
          fullPage: true,
        });
      }
      if (round > 0) expect(await tab.getByTestId('connectors-revoked').textContent()).toContain('HubSpot');

      await tab.getByLabel('Private app access token').fill(token);
      await tab.getByTestId('hubspot-connect').click();
      const card = tab.locator('.connector-item', { hasText: 'HubSpot' }).first();
      await card.waitFor();
      // The token is not shown again: the form is gone while HubSpot is connected.
      await tab.getByText('HubSpot is connected').waitFor();
      expect(await page.content()).not.toContain(token);

      // The first sync runs by itself: three contacts read, the one without a create date refused.
      const count = (name: string) => card.getByTestId(`connector-count-${name}`).locator('dd').textContent();
      await expect.poll(() => count('read'), { timeout: 60_000 }).toBe('3');
      // A run's counts show page by page; the next sync is named once the run has finished.
      await expect.poll(() => card.textContent(), { timeout: 60_000 }).toMatch(/next sync/);
      // Connected again, the same contacts are already leads, unchanged: neither inserted nor updated.
      expect(await count('inserted')).toBe(round === 0 ? '2' : '0');
      expect(await count('updated')).toBe('0');
      expect(await count('rejected')).toBe('1');
      expect(await card.getByTestId('connector-errors').textContent()).toContain('3 createdate is missing');

      // Sync now: the progress shows while HubSpot answers, then the run's counts.
      await card.getByTestId('connector-sync').click();
      await card.getByTestId('connector-progress').waitFor();
      await card.getByTestId('connector-progress').waitFor({ state: 'detached', timeout: 60_000 });
      expect(await count('read')).toBe('1');
      expect(await count('updated')).toBe('1');
      expect(await count('rejected')).toBe('0');

      // The mapping: the source from Latest Source, the custom stage counted as sales-ready.
      await card.getByTestId('connector-mapping-toggle').click();
      const mapping = card.getByTestId('connector-mapping');
      await mapping.getByTestId('mapping-source').selectOption('hs_latest_source');
      await mapping.getByTestId('mapping-salesReady').getByLabel('Demo booked').check();
      expect(await mapping.getByTestId('mapping-mql').getByLabel('Demo booked').isDisabled()).toBe(true);
      await mapping.getByTestId('mapping-save').click();
      await expect.poll(() => mapping.getByTestId('mapping-status').textContent()).toMatch(/^Saved/);
      const id = defined(await card.getAttribute('data-testid')).replace('connector-', '');
      const saved = await page.request.get(`${server.url}/api/connectors/${id}/mapping`);
      expect((await saved.json()).mapping).toEqual({
        source: 'hs_latest_source',
        stages: {
          mql: ['marketingqualifiedlead'],
          salesReady: ['salesqualifiedlead', '1234567'],
          opportunity: ['opportunity'],
        },
      });

      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.screenshot({
        path: `test-results/e2e/screens/settings-connectors-${width}.png`,
        fullPage: true,
      });
      const overflow = await sidewaysOverflow(page);
      expect(overflow.px, overflow.boxes).toBeLessThanOrEqual(0);

      await card.getByRole('button', { name: /Disconnect/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Disconnect HubSpot' }).click();
      await tab.getByText('No CRM connected yet').waitFor();
      expect(await tab.getByTestId('connectors-revoked').textContent()).toContain('HubSpot');
      await page.context().close();
    }, 180_000);
  }
});
