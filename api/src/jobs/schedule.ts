import { CronExpressionParser } from 'cron-parser';

/**
 * The first occurrence of a five-field cron expression strictly after `after`, read in the company's
 * time zone (`0 7 * * 1-5` is seven in the morning there, summer or winter).
 */
export function nextOccurrence(cron: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone, strict: false })
    .next()
    .toDate();
}

/** Throws a message naming the fault when `cron` is not a valid expression. */
export function checkCron(cron: string): void {
  if (cron.trim().split(/\s+/).length !== 5)
    throw new Error(`"${cron}" is not a cron expression of five fields (minute hour day month weekday)`);
  CronExpressionParser.parse(cron);
}

/** How long a failed slice waits before its next attempt: 15 s, doubling, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(15_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
