import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@salesready/db/client';
import { markInterruptedImports } from '@salesready/db/import/interrupted';
import { leads, users } from '@salesready/db/schema/index';
import { seedDemo } from '@salesready/db/seed/seed-demo';
import { sql } from 'drizzle-orm';
import { hashPassword } from './auth/password';
import { demoAccount } from './context';
import { enqueueTrackRecord } from './jobs/kinds/forecast-track-record';

/**
 * First start of the embedded database: seed the demo data once, and the demo account only for the
 * loopback demo (`account`); a server reachable from elsewhere never gets a published password.
 */
export async function prepareEmbedded(
  db: Database,
  log: (line: string) => void,
  options: { account: boolean; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  const [leadCount] = await db.select({ n: sql<number>`count(*)::int` }).from(leads);
  if ((leadCount?.n ?? 0) === 0) {
    log('First start: generating demo data (about 50,000 leads)…');
    const started = Date.now();
    // A line as each step starts, and each quarter of the leads and the touches written.
    let shown = '';
    const result = await seedDemo(db, {
      now,
      onProgress: (done, total, phase) => {
        const quarter = Math.floor((done / Math.max(total, 1)) * 4) * 25;
        const line = total === 1 ? (done === 0 ? `  ${phase}…` : shown) : `  ${phase} ${quarter}%`;
        if (line === shown || (total !== 1 && quarter === 0)) return;
        shown = line;
        log(line);
      },
    });
    log(
      `Demo data ready: ${result.leads} leads, ${result.touches} touches, ${result.sources} sources (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
    // The forecast's track record over the demo's past quarters, computed in the background half an hour
    // after the first start: about 110 projections on the one embedded connection would slow the first
    // minutes of the demo, when someone is looking at it.
    await enqueueTrackRecord(db, new Date(now.getTime() + 30 * 60_000));
  }
  if (!options.account) return;
  const [userCount] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((userCount?.n ?? 0) === 0) {
    await db.insert(users).values({
      email: demoAccount.email,
      name: 'Demo executive',
      passwordHash: await hashPassword(demoAccount.password),
      role: 'admin',
    });
  }
}

/** Whether a process id names a running process (signal 0 only asks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * On start: imports a crash or restart cut off are marked `interrupted`, and the upload folders of
 * servers no longer running are removed. One Node server per database is assumed: another one's
 * running import would be marked too.
 */
export async function recoverInterruptedImports(
  db: Database,
  log: (line: string) => void,
  folder = tmpdir(),
): Promise<{ imports: number[]; folders: string[] }> {
  const ids = await markInterruptedImports(db);
  if (ids.length)
    log(`Marked ${ids.length} import(s) cut off by the last stop as interrupted: ${ids.join(', ')}.`);
  const folders: string[] = [];
  for (const name of await readdir(folder).catch(() => [] as string[])) {
    const pid = /^salesready-import-(\d+)-/.exec(name)?.[1];
    if (!pid || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    await rm(join(folder, name), { recursive: true, force: true });
    folders.push(name);
  }
  return { imports: ids, folders };
}
