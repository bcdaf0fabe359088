import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { addDays, isValidDate, todayIn } from '../periods';
import { readSettings } from '../settings';
import { endOfDay, openStateAt } from './open-state';

/** Weeks end on Sunday: a snapshot is of the state at the end of a Sunday, in the company's time zone. */
export const weekEndDay = 0;

export interface SnapshotResult {
  weekEnd: string;
  /** False when the week was already kept: nothing was written. */
  taken: boolean;
  rebuilt: boolean;
  openLeads: number;
  openDeals: number;
  openAmount: number;
}

export function isWeekEnd(day: string): boolean {
  return isValidDate(day) && new Date(`${day}T00:00:00Z`).getUTCDay() === weekEndDay;
}

/** The last week end that is over by `now` in `timezone` (yesterday or earlier). */
export function lastCompleteWeekEnd(timezone: string, now: Date = new Date()): string {
  const today = todayIn(timezone, now);
  const back = (new Date(`${today}T00:00:00Z`).getUTCDay() - weekEndDay + 7) % 7 || 7;
  return addDays(today, -back);
}

/**
 * Keeps the state of every open lead and deal at the end of `weekEnd` (a Sunday). A week already kept is left
 * as it is (`taken: false`); a new one is written in one transaction, so it is whole or absent. `rebuilt`
 * (default: taken over a day after the week ended) marks a week read back from the stage timestamps.
 */
export async function takeWeeklySnapshot(
  db: Database,
  weekEnd: string,
  options: { now?: Date; rebuilt?: boolean; timezone?: string } = {},
): Promise<SnapshotResult> {
  if (!isWeekEnd(weekEnd)) throw new RangeError(`weekEnd must be a Sunday YYYY-MM-DD, got ${weekEnd}`);
  const now = options.now ?? new Date();
  const timezone = options.timezone ?? (await readSettings(db)).timezone;
  const today = todayIn(timezone, now);
  if (weekEnd >= today)
    throw new RangeError(`week ${weekEnd} is not over yet (today is ${today} in ${timezone})`);
  const rebuilt = options.rebuilt ?? today > addDays(weekEnd, 1);
  const cutoff = endOfDay(weekEnd, timezone);
  return db.transaction(async (tx) => {
    const claimed = await selectRows<{ weekEnd: string }>(
      tx as unknown as Database,
      sql`insert into pipeline_snapshot_weeks (week_end, rebuilt, timezone, open_leads, open_deals, open_amount)
          values (${weekEnd}::date, ${rebuilt}, ${timezone}, 0, 0, 0)
          on conflict (week_end) do nothing
          returning week_end::text as "weekEnd"`,
    );
    if (claimed.length === 0) {
      const [kept] = await selectRows<Omit<SnapshotResult, 'weekEnd' | 'taken'>>(
        tx as unknown as Database,
        sql`select rebuilt, open_leads as "openLeads", open_deals as "openDeals", open_amount::float8 as "openAmount"
            from pipeline_snapshot_weeks where week_end = ${weekEnd}::date`,
      );
      return { weekEnd, taken: false, ...(kept as Omit<SnapshotResult, 'weekEnd' | 'taken'>) };
    }
    const [totals] = await selectRows<Omit<SnapshotResult, 'weekEnd' | 'taken' | 'rebuilt'>>(
      tx as unknown as Database,
      sql`with kept as (
            insert into pipeline_snapshots (week_end, lead_id, stage, amount, expected_close_on, owner, source_id)
            select ${weekEnd}::date, s.lead_id, s.stage, s.amount, s.expected_close_on, s.owner, s.source_id
            from (${openStateAt(cutoff)}) s
            returning stage, amount)
          update pipeline_snapshot_weeks w
            set open_leads = t.leads, open_deals = t.deals, open_amount = t.amount
          from (select count(*)::int as leads, (count(*) filter (where stage = 4))::int as deals,
                  coalesce(sum(amount) filter (where stage = 4), 0) as amount from kept) t
          where w.week_end = ${weekEnd}::date
          returning t.leads as "openLeads", t.deals as "openDeals", t.amount::float8 as "openAmount"`,
    );
    return {
      weekEnd,
      taken: true,
      rebuilt,
      ...(totals as Omit<SnapshotResult, 'weekEnd' | 'taken' | 'rebuilt'>),
    };
  });
}

/** The snapshot a weekly job takes: the last week that is over, if not kept yet. Safe to call on every tick. */
export async function takeDueSnapshot(db: Database, now: Date = new Date()): Promise<SnapshotResult> {
  const { timezone } = await readSettings(db);
  return takeWeeklySnapshot(db, lastCompleteWeekEnd(timezone, now), { now, timezone });
}

/**
 * Rebuilds the weeks not kept, from the week of the first lead to the last week that is over, from the
 * stage timestamps (marked rebuilt). Weeks already kept are left as they are.
 */
export async function rebuildSnapshots(
  db: Database,
  options: { now?: Date; onWeek?: (r: SnapshotResult) => void } = {},
): Promise<{ weeks: number; taken: number }> {
  const now = options.now ?? new Date();
  const { timezone } = await readSettings(db);
  const [first] = await selectRows<{ day: string | null }>(
    db,
    sql`select (min(created_at) at time zone ${timezone})::date::text as day from leads`,
  );
  if (!first?.day) return { weeks: 0, taken: 0 };
  const last = lastCompleteWeekEnd(timezone, now);
  const firstWeekday = new Date(`${first.day}T00:00:00Z`).getUTCDay();
  let weeks = 0;
  let taken = 0;
  for (
    let day = addDays(first.day, (weekEndDay - firstWeekday + 7) % 7);
    day <= last;
    day = addDays(day, 7)
  ) {
    const r = await takeWeeklySnapshot(db, day, { now, timezone, rebuilt: true });
    weeks++;
    if (r.taken) taken++;
    options.onWeek?.(r);
  }
  return { weeks, taken };
}
