import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createApp } from '@salesready/api/app';
import type { Database } from '@salesready/db/client';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The API description as the app serves it, linted by Redocly's CLI with its recommended rules
// (redocly.yaml): zero errors, or the test prints what the linter found and where.
it('lints the OpenAPI document with no errors', async () => {
  // The description is read off the routes: no database is touched.
  const app = createApp({ db: {} as Database, driver: 'pglite', version: 'lint', demo: false });
  const res = await app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  const file = join(mkdtempSync(join(tmpdir(), 'sr-openapi-')), 'openapi.json');
  writeFileSync(file, await res.text());
  const result = await promisify(execFile)(
    join(root, 'test/node_modules/.bin/redocly'),
    ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'summary'],
    {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  ).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  expect(output, output).toContain('Your API description is valid');
  expect(output).not.toMatch(/^error\s/m);
}, 60_000);
