import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser';
import { startServer } from './server-process';

// One real server (embedded database, demo data seeded on first start) for every browser suite.
export default async function setup(project: TestProject) {
  if (!existsSync(chromiumPath)) {
    project.provide('e2eUrl', null);
    return;
  }
  const server = await startServer();
  project.provide('e2eUrl', server.url);
  return () => server.stop();
}
