const quarterPattern = /^(\d{4})-Q([1-4])$/;

/** `2026-Q4` → `Q4 2026` */
export function quarterName(label: string): string {
  const m = quarterPattern.exec(label);
  return m ? `Q${m[2]} ${m[1]}` : label;
}

/**
 * The fiscal quarter containing today in the company's time zone, derived from a period the
 * server resolved (its label and first day give the fiscal year's first month).
 */
export function currentQuarterLabel(
  period: { label: string; from: string },
  timezone: string,
  now = new Date(),
) {
  const m = quarterPattern.exec(period.label);
  if (!m) return null;
  const quarter = Number(m[2]);
  const fromMonth = Number(period.from.slice(5, 7));
  const startMonth = ((fromMonth - 1 - 3 * (quarter - 1) + 24) % 12) + 1;
  let today: string;
  try {
    today = new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(now);
  } catch {
    today = new Intl.DateTimeFormat('en-CA').format(now);
  }
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  // Fiscal years are named by the calendar year in which they end, as the server names them.
  const fiscalYear = startMonth !== 1 && month >= startMonth ? year + 1 : year;
  return `${fiscalYear}-Q${Math.floor(((month - startMonth + 12) % 12) / 3) + 1}`;
}

/** The `count` quarters up to and including `last`, newest first. */
export function recentQuarters(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftQuarterLabel(last, -i));
}

/** The label `by` quarters after `label` (negative: before). Fiscal labels shift like calendar ones. */
export function shiftQuarterLabel(label: string, by: number): string {
  const m = quarterPattern.exec(label);
  if (!m) return label;
  const index = Number(m[1]) * 4 + (Number(m[2]) - 1) + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

export function compareQuarterLabels(a: string, b: string): number {
  return a.localeCompare(b);
}

/** A period in words: a quarter by name (Q4 2026), a range by its days (Jan 1 – Mar 31, 2026). */
export function periodName(period: { label: string; from: string; to: string }): string {
  if (quarterPattern.test(period.label)) return quarterName(period.label);
  const last = new Date(`${period.to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const fmt = (d: Date, year: boolean) =>
    d.toLocaleDateString('en-US', {
      month: 'short',
      day: 'numeric',
      ...(year && { year: 'numeric' }),
      timeZone: 'UTC',
    });
  const first = new Date(`${period.from}T00:00:00Z`);
  const sameYear = first.getUTCFullYear() === last.getUTCFullYear();
  return `${fmt(first, !sameYear)} – ${fmt(last, true)}`;
}

let knownCurrent: string | null = null;

/**
 * Today's fiscal quarter, from any quarter the server resolved; remembered, so a page showing a
 * custom range (whose label names no quarter) still knows it.
 */
export function rememberCurrentQuarter(
  period: { label: string; from: string } | null | undefined,
  timezone: string | null | undefined,
): string | null {
  if (period && quarterPattern.test(period.label)) {
    knownCurrent = currentQuarterLabel(period, timezone ?? 'UTC') ?? knownCurrent;
  }
  return knownCurrent;
}

/** Today's calendar day (YYYY-MM-DD) in a time zone; the viewer's own when the zone is unknown. */
export function todayIn(timezone: string | null | undefined, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', timezone ? { timeZone: timezone } : {}).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA').format(now);
  }
}

/** The fiscal quarter containing `now` in a time zone, for a fiscal year starting in `startMonth` (1–12). */
export function fiscalQuarterOf(startMonth: number, timezone: string, now = new Date()): string {
  const today = todayIn(timezone, now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const fiscalYear = startMonth !== 1 && month >= startMonth ? year + 1 : year;
  return `${fiscalYear}-Q${Math.floor(((month - startMonth + 12) % 12) / 3) + 1}`;
}

/** The calendar months a fiscal quarter spans, e.g. `Feb–Apr 2026`. */
export function quarterMonths(label: string, startMonth: number): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (!m) return label;
  const fiscalYear = Number(m[1]);
  const first = (startMonth - 1 + 3 * (Number(m[2]) - 1)) % 12;
  // Fiscal year Y starts in startMonth of Y − 1 (unless it starts in January).
  const startYear = startMonth === 1 ? fiscalYear : fiscalYear - 1;
  const firstYear = startYear + Math.floor((startMonth - 1 + 3 * (Number(m[2]) - 1)) / 12);
  const lastMonth = (first + 2) % 12;
  const lastYear = firstYear + (first + 2 >= 12 ? 1 : 0);
  const name = (i: number) =>
    new Date(Date.UTC(2000, i, 1)).toLocaleDateString('en-US', { month: 'short', timeZone: 'UTC' });
  return firstYear === lastYear
    ? `${name(first)}–${name(lastMonth)} ${lastYear}`
    : `${name(first)} ${firstYear} – ${name(lastMonth)} ${lastYear}`;
}
