import { demoAccount } from '@salesready/api/context';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../helpers/server-process';
import { testBackend } from '../helpers/test-db';

const signIn = (url: string, body: unknown) =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

// The demo lives on the embedded database only: these start the real server on it, seeding included.
describe.skipIf(testBackend !== 'pglite')('the demo account on the real server', () => {
  let exposed: RunningServer;
  let local: RunningServer;
  beforeAll(async () => {
    exposed = await startServer({ HOST: '0.0.0.0' });
    local = await startServer();
  }, 240_000);
  afterAll(async () => {
    await exposed?.stop();
    await local?.stop();
  });

  it('on a non-loopback address: no demo account, no password in the log, loopback names only', async () => {
    expect(exposed.output()).not.toContain(demoAccount.password);
    expect(exposed.output()).toContain('PUBLIC_URL is unset: only requests addressed to 127.0.0.1');
    const status = await (await fetch(`${exposed.url}/api/auth/status`)).json();
    expect(status).toEqual({ needsSetup: true, demoAccount: null });
    expect((await signIn(exposed.url, demoAccount)).status).toBe(401);
  });

  it('on loopback (the README’s first run): the demo account is shown and signs in as an admin', async () => {
    expect(local.output()).toContain(`Demo account: ${demoAccount.email} / ${demoAccount.password}`);
    const status = await (await fetch(`${local.url}/api/auth/status`)).json();
    expect(status.demoAccount).toEqual(demoAccount);
    const res = await signIn(local.url, demoAccount);
    expect(res.status).toBe(200);
    expect((await res.json()).user.role).toBe('admin');
  });
});
