/**
 * Fiscal periods. A fiscal year is named by the calendar year in which it ends (FY2026 with a
 * February start runs 2025-02-01 to 2026-02-01), as Salesforce does by default. Dates are
 * calendar days in the company time zone; `to` is exclusive.
 */
import { defined } from './defined';
export interface Period {
  label: string;
  from: string;
  to: string;
}

const quarterPattern = /^(\d{4})-Q([1-4])$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function isoDate(year: number, monthIndex: number, day = 1): string {
  const d = new Date(Date.UTC(year, monthIndex, day));
  return d.toISOString().slice(0, 10);
}

/**
 * The years a period or a dated record may fall in: any company's history and plans, far from the
 * edges (year 0, year 10000) where dates stop being writable in JavaScript, ISO 8601 or PostgreSQL.
 */
export const supportedYears = { first: 1970, last: 2100 } as const;

export const quarterMessage = `must be a fiscal quarter such as 2026-Q1, from ${supportedYears.first}-Q1 to ${supportedYears.last}-Q4`;
export const dateMessage = `must be a date YYYY-MM-DD from ${supportedYears.first}-01-01 to ${supportedYears.last}-12-31`;

const supportedYear = (year: number) => year >= supportedYears.first && year <= supportedYears.last;

/** A real calendar date YYYY-MM-DD within the supported years. */
export function isValidDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return (
    !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && supportedYear(d.getUTCFullYear())
  );
}

/** An instant within the supported years (imported and ingested dates). */
export function isSupportedInstant(date: Date): boolean {
  return !Number.isNaN(date.getTime()) && supportedYear(date.getUTCFullYear());
}

/** A fiscal quarter label within the supported years, or null. */
export function parseQuarter(label: string): { year: number; quarter: number } | null {
  const m = quarterPattern.exec(label);
  if (!m || !supportedYear(Number(m[1]))) return null;
  return { year: Number(m[1]), quarter: Number(m[2]) };
}

/** A quarter as people read it ("Q3 2026"), the way every screen writes it; other labels unchanged. */
export function quarterName(label: string): string {
  const q = parseQuarter(label);
  return q ? `Q${q.quarter} ${q.year}` : label;
}

/** The dates a fiscal quarter spans, for a fiscal year starting in `startMonth` (1–12). */
export function fiscalQuarter(year: number, quarter: number, startMonth: number): Period {
  const firstYear = startMonth === 1 ? year : year - 1;
  const startIndex = startMonth - 1 + (quarter - 1) * 3;
  return {
    label: `${year}-Q${quarter}`,
    from: isoDate(firstYear, startIndex),
    to: isoDate(firstYear, startIndex + 3),
  };
}

/** The fiscal quarter containing a calendar date (YYYY-MM-DD). */
export function quarterOfDate(date: string, startMonth: number): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const offset = (month - startMonth + 12) % 12;
  const fiscalYear = startMonth !== 1 && month >= startMonth ? year + 1 : year;
  return fiscalQuarter(fiscalYear, Math.floor(offset / 3) + 1, startMonth);
}

export function shiftQuarter(label: string, by: number, startMonth: number): Period {
  const q = parseQuarter(label);
  if (!q) throw new Error(`not a fiscal quarter: ${label}`);
  const index = q.year * 4 + (q.quarter - 1) + by;
  return fiscalQuarter(Math.floor(index / 4), (index % 4) + 1, startMonth);
}

/** A calendar date `days` after `date` (both YYYY-MM-DD; negative goes back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate());
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The previous period of the same length and the same period a year before (a quarter with whole quarters).
 * While the period is in progress, both are cut to the same number of elapsed days, so day 54 of this quarter
 * is compared with days 1–54 of the others.
 */
export function comparisonPeriods(
  period: Period,
  startMonth: number,
  today?: string,
): { previous: Period; yearAgo: Period; daysElapsed: number | null } {
  let previous: Period;
  let yearAgo: Period;
  if (parseQuarter(period.label)) {
    previous = shiftQuarter(period.label, -1, startMonth);
    yearAgo = shiftQuarter(period.label, -4, startMonth);
  } else {
    const length = daysBetween(period.from, period.to);
    const prev = { from: addDays(period.from, -length), to: period.from };
    const ago = { from: addMonths(period.from, -12), to: addMonths(period.to, -12) };
    previous = { ...prev, label: `${prev.from}..${prev.to}` };
    yearAgo = { ...ago, label: `${ago.from}..${ago.to}` };
  }
  if (!today || today < period.from || today >= period.to) return { previous, yearAgo, daysElapsed: null };
  const daysElapsed = daysBetween(period.from, today) + 1;
  const cut = (p: Period): Period => {
    // ISO dates order as strings: the earlier of the cut and the period's own end.
    const [to] = [addDays(p.from, daysElapsed), p.to].sort();
    return { ...p, to: defined(to) };
  };
  return { previous: cut(previous), yearAgo: cut(yearAgo), daysElapsed };
}

const monthName = (date: Date) => date.toLocaleDateString('en-US', { month: 'short', timeZone: 'UTC' });

/** The calendar months a period spans, in words: `Feb–Apr 2026`, `Nov 2025 – Jan 2026`. */
export function monthsInWords(period: Period): string {
  const first = new Date(`${period.from}T00:00:00Z`);
  const last = new Date(`${addDays(period.to, -1)}T00:00:00Z`);
  const firstYear = first.getUTCFullYear();
  const lastYear = last.getUTCFullYear();
  return firstYear === lastYear
    ? `${monthName(first)}–${monthName(last)} ${lastYear}`
    : `${monthName(first)} ${firstYear} – ${monthName(last)} ${lastYear}`;
}

/** Today's calendar date in a time zone. */
export function todayIn(timezone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(now);
}
