import { addDays, quarterOfDate, shiftQuarter, todayIn } from '@salesready/db/periods';
import { CronExpressionParser } from 'cron-parser';

/**
 * A schedule is a five-field cron expression, or `after-quarter N HH:MM`: the Nth working day
 * (Monday to Friday) after each fiscal quarter closes, at that time, where cron cannot follow a fiscal
 * calendar that starts in any month. Both are read in the company's (or subscription's) time zone.
 */
const afterQuarterPattern = /^after-quarter ([1-9]|1\d|20) ([01]\d|2[0-3]):([0-5]\d)$/;

/** The company's fiscal calendar, which an `after-quarter` schedule counts from. */
export interface ScheduleCalendar {
  fiscalYearStartMonth: number;
}

/** The first occurrence of a schedule strictly after `after`. */
export function nextOccurrence(
  schedule: string,
  timezone: string,
  after: Date,
  calendar: ScheduleCalendar = { fiscalYearStartMonth: 1 },
): Date {
  const quarterly = afterQuarterPattern.exec(schedule);
  if (!quarterly) return nextCron(schedule, timezone, after);
  const [, nth, hour, minute] = quarterly.map(Number) as [number, number, number, number];
  let quarter = quarterOfDate(todayIn(timezone, after), calendar.fiscalYearStartMonth);
  for (;;) {
    const day = nthWorkingDay(quarter.from, nth);
    // The local day and time as an instant: cron's own time-zone arithmetic, asked from two days before.
    const at = nextCron(
      `${minute} ${hour} ${Number(day.slice(8))} ${Number(day.slice(5, 7))} *`,
      timezone,
      new Date(`${addDays(day, -2)}T00:00:00Z`),
    );
    if (at > after) return at;
    quarter = shiftQuarter(quarter.label, 1, calendar.fiscalYearStartMonth);
  }
}

function nextCron(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone, strict: false })
    .next()
    .toDate();
}

/** The nth Monday-to-Friday on or after `from` (YYYY-MM-DD); public holidays are not known here. */
function nthWorkingDay(from: string, nth: number): string {
  let day = from;
  for (let seen = 0; ; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && ++seen === nth) return day;
  }
}

/** Throws a message naming the fault when `schedule` is neither form. */
export function checkSchedule(schedule: string): void {
  if (schedule.startsWith('after-quarter')) {
    if (!afterQuarterPattern.test(schedule))
      throw new Error(
        `"${schedule}" must read "after-quarter N HH:MM": the Nth working day (1 to 20) after each quarter closes, at that time`,
      );
    return;
  }
  if (schedule.trim().split(/\s+/).length !== 5)
    throw new Error(`"${schedule}" is not a cron expression of five fields (minute hour day month weekday)`);
  CronExpressionParser.parse(schedule);
}

/** How long a failed slice waits before its next attempt: 15 s, doubling, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
