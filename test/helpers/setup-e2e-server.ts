import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser';
import { startServer } from './server-process';

// What must never reach the server's log, whatever the browser suites did: session, invite, API and
// second-factor tokens (`<prefix>_` + 43 random characters), authenticator keys, and the client secret
// the sign-in settings suite gives single sign-on.
const secrets: [string, RegExp][] = [
  ['a token', /\bsr[a-z0-9]{1,2}_[A-Za-z0-9_-]{43}\b/],
  ['an authenticator key', /otpauth:\/\/|secret=[A-Z2-7]{16,}/],
  ['the single sign-on client secret', /provider-side/],
];

// One real server (embedded database, demo data seeded on first start) for every browser suite; when
// they are done, its whole log is searched for secrets.
export default async function setup(project: TestProject) {
  if (!existsSync(chromiumPath)) {
    project.provide('e2eUrl', null);
    return;
  }
  const server = await startServer();
  project.provide('e2eUrl', server.url);
  return async () => {
    await server.stop();
    const log = server.output();
    const leaks = secrets.filter(([, pattern]) => pattern.test(log)).map(([what]) => what);
    if (leaks.length) {
      // A teardown's error is only printed: the run must fail too.
      console.error(`\nFAIL: the server's log holds ${leaks.join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
