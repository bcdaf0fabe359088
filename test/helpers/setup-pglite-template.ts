import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '@salesready/db/drivers/pglite';
import type { TestProject } from 'vitest/node';

// Creating a PGlite runs initdb in WASM (seconds, ~800 MB): do it once, migrate, and let every
// test file load a copy of the migrated data folder.
export default async function setup(project: TestProject) {
  const client = await PGlite.create();
  await wrapPglite(client, true);
  const dump = await client.dumpDataDir('none');
  await client.close();
  const path = join(tmpdir(), `salesready-pglite-template-${process.pid}.tar`);
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', path);
  return () => rmSync(path, { force: true });
}
