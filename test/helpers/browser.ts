import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { describe } from 'vitest';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const present = existsSync(chromiumPath);
if (!present && process.env.CI)
  throw new Error(`Chromium is missing at ${chromiumPath}; CI installs it (apt-get install chromium)`);

/** describe() for browser suites: skipped with a notice when Chromium is absent (outside CI). */
export function describeInBrowser(name: string, fn: () => void): void {
  if (!present)
    console.warn(`\n!!! ${chromiumPath} is absent: "${name}" is SKIPPED (apt-get install -y chromium).\n`);
  describe.skipIf(!present)(name, fn);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
