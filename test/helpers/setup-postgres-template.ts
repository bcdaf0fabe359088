import { createDb } from '@salesready/db/client';
import type { TestProject } from 'vitest/node';
import { databaseUrl, postgresAdminUrl, uniqueName, withAdmin } from './postgres-server';

// One migrated template database; each test file creates its own database from it (fast, isolated).
export default async function setup(project: TestProject) {
  try {
    await withAdmin((c) => c.query('select 1'));
  } catch (error) {
    const message = `PostgreSQL is not reachable at ${postgresAdminUrl}: ${(error as Error).message}`;
    if (process.env.CI) throw new Error(`${message} (CI needs it: the suites on the real server cannot run)`);
    console.warn(
      `\n!!! ${message}\n!!! The ${project.name} suites are SKIPPED. Start it with:\n!!!   pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n`,
    );
    project.provide('postgresTemplate', null);
    return;
  }
  const template = uniqueName('sr_template');
  await withAdmin((c) => c.query(`create database ${template}`));
  const handle = await createDb(databaseUrl(template), { driver: 'postgres', migrate: true });
  await handle.close();
  project.provide('postgresTemplate', template);
  return async () => {
    await withAdmin((c) => c.query(`drop database if exists ${template} with (force)`));
  };
}
