import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

/** The public data sets live beside the repository (never copied into it: their licences forbid it). */
export const sharedDataDir = fileURLToPath(new URL('../../../shared/data', import.meta.url));

export function sharedFile(relative: string): string {
  return `${sharedDataDir}/${relative}`;
}

const present = existsSync(sharedDataDir);
if (!present && process.env.CI) {
  throw new Error(
    `the real data sets are missing at ${sharedDataDir}; CI needs ../shared beside the repository`,
  );
}

/** describe() for suites on the real data sets: skipped with a notice when ../shared is absent (outside CI). */
export function describeWithSharedData(name: string, fn: () => void): void {
  if (!present) console.warn(`\n!!! ${sharedDataDir} is absent: "${name}" is SKIPPED (it fails in CI).\n`);
  describe.skipIf(!present)(name, fn);
}
