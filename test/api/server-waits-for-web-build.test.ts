import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteDataDirFromTemplate } from '../helpers/server-on-backend';
import { freePort } from '../helpers/server-process';
import { testBackend } from '../helpers/test-db';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Resolves with the first IPC message the child sends. */
const nextMessage = (child: ChildProcess) =>
  new Promise<unknown>((resolve) => child.once('message', resolve));

// `pnpm start` builds the web app beside the server's first open of its database
// (api/scripts/start.mjs): the server must not answer before the app it serves is there.
// The handshake is the entry's own, whatever the database: run once, on PGlite.
describe.runIf(testBackend === 'pglite')('the server started beside a web build', () => {
  let child: ChildProcess | undefined;
  let dataDir = '';
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('asks for the build once its database is ready and listens only when told it is done', async () => {
    dataDir = await pgliteDataDirFromTemplate();
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'api/src/entry/node.ts')], {
      cwd: join(repo, 'api'),
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: dataDir,
        SEED_DEMO: 'never',
        PORT: String(port),
        HOST: '127.0.0.1',
        SALESREADY_WEB_BUILD: 'pending',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let log = '';
    child.stdout?.on('data', (d) => {
      log += d;
    });
    child.stderr?.on('data', (d) => {
      log += d;
    });

    expect(await nextMessage(child)).toBe('web?');
    // Its database is open; it waits: nothing listens yet.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(log).not.toContain('SalesReady on');
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();

    child.send('web-built');
    const started = Date.now();
    while (!log.includes('SalesReady on') && Date.now() - started < 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(log).toContain(`SalesReady on http://127.0.0.1:${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  }, 120_000);
});
