import { createDb, type DbHandle, type DriverName, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { rebuildRollups } from '@salesready/db/rollups/rollups';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { createApp } from '../app';
import { hashPassword } from '../auth/password';
import { progressBar } from './progress-bar';

// The demo's fixed "today", so benchmark databases can be reused between runs.
export const benchNow = new Date('2026-11-23T12:00:00Z');

export async function openBenchDb(driver: DriverName, size: number): Promise<DbHandle> {
  if (driver === 'pglite') return createDb(undefined, { dataDir: `.bench-data/pglite-${size}` });
  const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sr_bench_${size}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return createDb(url.toString(), { driver: 'postgres', migrate: true });
}

export async function ensureSeeded(handle: DbHandle, size: number): Promise<void> {
  const [row] = await selectRows<{ n: number }>(handle.db, sql`select count(*)::int as n from leads`);
  if (row?.n === size) return;
  if ((row?.n ?? 0) > 0)
    throw new Error(`the ${handle.driver} bench database holds ${row?.n} leads, not ${size}: drop it`);
  const bar = progressBar(process.stderr);
  const started = Date.now();
  await seedDemo(handle.db, { now: benchNow, leads: size, onProgress: (d, t, p) => bar.update(p, d, t) });
  bar.done();
  console.error(
    `seeded ${size} leads on ${handle.driver} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  // The seed writes in one transaction, so every version of each rollup row written on the way stays
  // until it commits (a steady stream of imports leaves them to vacuum): lay the rollups out afresh.
  const rebuilt = Date.now();
  await rebuildRollups(handle.db);
  console.error(`rollups rebuilt in ${((Date.now() - rebuilt) / 1000).toFixed(0)} s`);
}

/** What autovacuum would have done by the time anyone looks: visibility map set, statistics fresh. */
export async function vacuum(handle: DbHandle): Promise<void> {
  const started = Date.now();
  await handle.db.execute(sql`vacuum (analyze)`);
  console.error(`vacuum analyze on ${handle.driver} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export async function signIn(app: ReturnType<typeof createApp>, handle: DbHandle): Promise<string> {
  const email = 'bench@salesready.local';
  await handle.db.execute(sql`delete from users where email = ${email}`);
  await handle.db.execute(
    sql`insert into users (email, name, password_hash, role) values (${email}, 'Bench', ${await hashPassword('bench-password')}, 'admin')`,
  );
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench-password' }),
  });
  return defined((res.headers.get('set-cookie') ?? '').split(';')[0]);
}

export function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return defined(sorted[Math.max(0, index)]);
}
