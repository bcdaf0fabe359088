import { createHash } from 'node:crypto';
import { type Database, selectRows } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { sql } from 'drizzle-orm';
import type { RateLimitStore } from './rate-limit';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Rate limits counted in the database, so every instance of a serverless deployment shares them
 * (docs/decisions/0005). One statement per attempt: the upsert opens a window or counts in the open
 * one atomically, so parallel attempts on many instances each get their own count.
 */
export class DatabaseRateLimitStore implements RateLimitStore {
  readonly #db: Database;
  readonly #sweepEvery: number;
  #hits = 0;

  /** `sweepEvery`: closed windows are deleted once every this many attempts. */
  constructor(db: Database, options: { sweepEvery?: number } = {}) {
    this.#db = db;
    this.#sweepEvery = options.sweepEvery ?? 500;
  }

  async hit(key: string, windowMs: number) {
    if (++this.#hits % this.#sweepEvery === 0) await this.sweep();
    const [row] = await selectRows<{ count: number; resetInMs: number }>(
      this.#db,
      sql`insert into rate_limit_windows as w (key_hash, count, reset_at)
        values (${hashKey(key)}, 1, clock_timestamp() + make_interval(secs => ${windowMs / 1000}::float8))
        on conflict (key_hash) do update set
          count = case when w.reset_at <= clock_timestamp() then 1 else w.count + 1 end,
          reset_at = case when w.reset_at <= clock_timestamp() then excluded.reset_at else w.reset_at end
        returning w.count::int as count,
          (extract(epoch from (w.reset_at - clock_timestamp())) * 1000)::float8 as "resetInMs"`,
    );
    const { count, resetInMs } = defined(row);
    return { count, resetInMs: Math.max(0, resetInMs) };
  }

  async reset(key: string) {
    await this.#db.execute(sql`delete from rate_limit_windows where key_hash = ${hashKey(key)}`);
  }

  /** Deletes the windows already closed: they would open afresh on the next attempt anyway. */
  async sweep() {
    await this.#db.execute(sql`delete from rate_limit_windows where reset_at <= clock_timestamp()`);
  }
}
