export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * The demo's time frame, in UTC: from 1 January two years before `now`'s year up to `now`.
 * Quarters are calendar quarters (the fiscal year starts in January, the settings default),
 * numbered from 0 = Q1 of the first year.
 */
export interface DemoCalendar {
  startYear: number;
  start: number;
  now: number;
  currentQuarter: number;
  currentQuarterStart: number;
}

export function demoCalendar(now: Date): DemoCalendar {
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new Error('seedDemo: `now` is not a valid date');
  const startYear = now.getUTCFullYear() - 2;
  const start = Date.UTC(startYear, 0, 1);
  const currentQuarter = quarterIndex(startYear, nowMs);
  return {
    startYear,
    start,
    now: nowMs,
    currentQuarter,
    currentQuarterStart: quarterStart(startYear, currentQuarter),
  };
}

export function quarterIndex(startYear: number, ms: number): number {
  const d = new Date(ms);
  return (d.getUTCFullYear() - startYear) * 4 + Math.floor(d.getUTCMonth() / 3);
}

export function quarterStart(startYear: number, index: number): number {
  return Date.UTC(startYear + Math.floor(index / 4), (index % 4) * 3, 1);
}

/** The label targets use, e.g. 2026-Q4. */
export function quarterLabel(startYear: number, index: number): string {
  return `${startYear + Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** A month as `Mar 2025`, for campaign names. */
export function monthLabel(ms: number): string {
  const d = new Date(ms);
  const names = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  return `${names[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Postgres `date` text for the first day of a month. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
