import type { Database } from '@salesready/db/client';
import { runDueJobs, type TickOptions, type TickReport } from './runner';

export interface JobTimer {
  /** Runs a tick soon (a request just queued a job). */
  wake: () => void;
  /** Stops ticking and waits for a tick under way to end (its slice commits or rolls back). */
  stop: () => Promise<void>;
}

/**
 * The Node server's own scheduler: it calls the runner directly every `intervalMs` (and at once while
 * due work is left), on a timer that never keeps the process alive. Which job runs and where it stopped
 * is in the database only, so several servers on one database may each run this.
 */
export function startJobTimer(
  db: Database,
  options: TickOptions & { intervalMs?: number; log?: (line: string) => void } = {},
): JobTimer {
  const intervalMs = options.intervalMs ?? 30_000;
  const log = options.log ?? ((line: string) => console.warn(line));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<TickReport | undefined> | undefined;
  let stopped = false;
  let woken = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = async () => {
    if (stopped || running) return;
    woken = false;
    running = runDueJobs(db, options).catch((error: unknown) => {
      log(`background jobs: the tick failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    const report = await running;
    running = undefined;
    for (const job of report?.jobs ?? []) {
      if (job.error) log(`background job ${job.id} (${job.kind}) ${job.status}: ${job.error}`);
    }
    schedule(report?.more || woken ? 100 : intervalMs);
  };
  schedule(Math.min(intervalMs, 2_000));
  return {
    wake: () => {
      woken = true;
      if (!running) schedule(0);
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
