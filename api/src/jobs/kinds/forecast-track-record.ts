import type { Database } from '@salesready/db/client';
import { defined } from '@salesready/db/defined';
import { quarterWeeks } from '@salesready/db/forecast/calibration';
import {
  currentQuarterWeeks,
  type Finals,
  pruneTrackRecord,
  quarterFinals,
  recordCoverageWeek,
  recordQuarterWeek,
  trackedQuarters,
} from '@salesready/db/forecast/track-record';
import { enqueueJob, type Job } from '@salesready/db/jobs/queue';
import type { JobKind } from '../kind';

export const trackRecordKind = 'forecast-track-record';

interface Cursor {
  quarters: string[];
  /** The next (quarter, week) to project: quarter index × 13 + week − 1, then this quarter's weeks. */
  next: number;
  finals: Record<string, Finals>;
  /** This quarter, and how many of its weeks are over: the coverage trend's points. */
  current: string;
  currentWeeks: number;
}

/**
 * Rewrites the forecast's track record (docs/decisions/0025): the last eight closed quarters projected as of
 * each week's end, then this quarter's past weeks (next quarter's coverage), weekly and when first asked for.
 * One quarter-week per slice (a few pacing queries) holds the embedded database's one connection briefly.
 */
export const forecastTrackRecord: JobKind = {
  kind: trackRecordKind,
  schedule: '45 1 * * 1',
  async run({ db, cursor, now }) {
    const c: Cursor = isCursor(cursor) ? cursor : await firstCursor(db, now);
    const past = c.quarters.length * quarterWeeks;
    const total = past + c.currentWeeks;
    if (c.next < past) {
      const quarter = defined(c.quarters[Math.floor(c.next / quarterWeeks)]);
      const finals = c.finals[quarter] ?? (await quarterFinals(db, quarter));
      await recordQuarterWeek(db, quarter, (c.next % quarterWeeks) + 1, finals);
      c.finals = { [quarter]: finals };
      c.next++;
    } else if (c.next < total) {
      await recordCoverageWeek(db, c.current, c.next - past + 1);
      c.next++;
    }
    const progress = { done: c.next, total };
    if (c.next < total) return { cursor: c, done: false, progress };
    await pruneTrackRecord(db, c.quarters);
    return { cursor: null, done: true, progress, result: { quarters: c.quarters } };
  },
};

async function firstCursor(db: Database, now: Date): Promise<Cursor> {
  const { quarter, weeks } = await currentQuarterWeeks(db, now);
  return {
    quarters: await trackedQuarters(db, now),
    next: 0,
    finals: {},
    current: quarter,
    currentWeeks: weeks,
  };
}

function isCursor(value: unknown): value is Cursor {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as Cursor).quarters) &&
    typeof (value as Cursor).current === 'string'
  );
}

/** Queues a rewrite of the record (restarting one under way), now or at `runAt`. */
export function enqueueTrackRecord(db: Database, runAt?: Date): Promise<Job> {
  return enqueueJob(db, { kind: trackRecordKind, key: trackRecordKind, runAt });
}
