import { defined } from '../defined';

/**
 * Dates in CSV exports: ISO 8601 and `YYYY-MM-DD HH:MM:SS` (year first), or day and month before a
 * four-digit year (`M/D/YYYY`, `DD-MM-YYYY`, `DD.MM.YYYY`), each with or without a time and a zone.
 * Which of day and month comes first is decided once for a whole column (see analyzeDateColumn),
 * never guessed row by row. A value without a zone is a wall-clock time in the import's time zone.
 */

export type DateOrder = 'mdy' | 'dmy';

export type ColumnDateStyle =
  /** Year first only (ISO and friends): no order to decide. */
  | 'ymd'
  | DateOrder
  /** Only day-and-month values that never exceed 12: D/M and M/D both fit. */
  | 'ambiguous'
  /** Some values only fit D/M, others only M/D. */
  | 'mixed'
  /** No value looks like a date this parser knows. */
  | 'invalid'
  /** Every sampled value was empty. */
  | 'empty';

export interface DateColumnAnalysis {
  style: ColumnDateStyle;
  /** A human label such as `YYYY-MM-DD HH:MM:SS` or `M/D/YYYY`; null when none fits. */
  label: string | null;
  /** Why an ambiguous, mixed or invalid column was judged so, with sample values. */
  reason?: string;
}

const isoPattern =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const yearLastPattern =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(AM|PM)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Neither day/month nor month/day: no reading of the two numbers names a date. */
function fitsNoOrder(a: number, b: number): boolean {
  const dmy = a >= 1 && a <= 31 && b >= 1 && b <= 12;
  const mdy = a >= 1 && a <= 12 && b >= 1 && b <= 31;
  return !dmy && !mdy;
}

/** Looks at a column's sampled values and decides its day/month order for every row. */
export function analyzeDateColumn(values: Iterable<string>, forcedOrder?: DateOrder): DateColumnAnalysis {
  let any = false;
  let yearFirst = 0;
  let yearLast = 0;
  let firstOver12: string | null = null;
  let secondOver12: string | null = null;
  let separators = '';
  let withTime = false;
  let sampleYearLast: string | null = null;
  let unknown: string | null = null;
  for (const raw of values) {
    const value = raw.trim();
    if (value === '') continue;
    any = true;
    const iso = isoPattern.exec(value);
    if (iso) {
      yearFirst++;
      if (iso[4] !== undefined) withTime = true;
      continue;
    }
    const m = yearLastPattern.exec(value);
    // A value that fits neither order (31/31/2020) says nothing about the column: its row is rejected.
    if (!m || fitsNoOrder(Number(m[1]), Number(m[3]))) {
      unknown ??= value;
      continue;
    }
    yearLast++;
    sampleYearLast ??= value;
    if (m[5] !== undefined) withTime = true;
    const separator = defined(m[2]);
    if (!separators.includes(separator)) separators += separator;
    if (Number(m[1]) > 12) firstOver12 ??= value;
    if (Number(m[3]) > 12) secondOver12 ??= value;
  }
  if (!any) return { style: 'empty', label: null };
  if (yearFirst === 0 && yearLast === 0) {
    return { style: 'invalid', label: null, reason: `"${unknown}" is not a date in a known format` };
  }
  const time = withTime ? ' HH:MM:SS' : '';
  if (yearLast === 0) return { style: 'ymd', label: `YYYY-MM-DD${time}` };
  const sep = separators.length === 1 ? separators : '/';
  const labelFor = (order: DateOrder) =>
    order === 'mdy' ? `M${sep}D${sep}YYYY${time}` : `DD${sep}MM${sep}YYYY${time}`;
  if (forcedOrder) return { style: forcedOrder, label: labelFor(forcedOrder) };
  if (firstOver12 && secondOver12) {
    return {
      style: 'mixed',
      label: null,
      reason: `"${firstOver12}" only fits day-first and "${secondOver12}" only month-first`,
    };
  }
  if (firstOver12) return { style: 'dmy', label: labelFor('dmy') };
  if (secondOver12) return { style: 'mdy', label: labelFor('mdy') };
  // Nobody writes month.day.year: a dotted date is day-first by convention.
  if (separators === '.') return { style: 'dmy', label: labelFor('dmy') };
  return {
    style: 'ambiguous',
    label: null,
    reason: `no day above 12 in the values read (e.g. "${sampleYearLast}"), so D/M and M/D both fit; set the date order (mdy or dmy)`,
  };
}

// Offsets are looked up through Intl (the platform's tz database) and cached per quarter hour:
// every zone's transitions fall on quarter hours.
const offsetCache = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();
const quarterHour = 15 * 60 * 1000;

/** Throws a RangeError naming the zone when it is not an IANA time zone this runtime knows. */
export function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new RangeError(`"${zone}" is not a known IANA time zone (such as Europe/Paris or UTC)`);
  }
}

function zoneOffsetMs(zone: string, utcMs: number): number {
  let cache = offsetCache.get(zone);
  if (!cache) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  const key = Math.floor(utcMs / quarterHour);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, fmt);
  }
  const at = key * quarterHour;
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const part = (type: Intl.DateTimeFormatPartTypes) => defined(parts[type]);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  const offset = local - at;
  if (cache.size > 200_000) cache.clear();
  cache.set(key, offset);
  return offset;
}

/** The instant a wall-clock time in `zone` names (a skipped DST time moves forward, a repeated one takes the first). */
export function zonedToUtc(wall: number, zone: string): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return wall;
  const first = wall - zoneOffsetMs(zone, wall);
  const second = wall - zoneOffsetMs(zone, first);
  if (first === second) return first;
  // Across a transition: take whichever candidate maps back to the wall time, the earlier if both do.
  const back = (t: number) => t + zoneOffsetMs(zone, t);
  const fits = [first, second].filter((t) => back(t) === wall).sort((a, b) => a - b);
  return fits[0] ?? Math.max(first, second);
}

function offsetFromZone(text: string): number {
  if (/^(Z|UTC|GMT)$/i.test(text)) return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  zone: string | undefined,
  timezone: string,
): Date | string {
  if (year < 1900 || year > 2199) return `year ${year} is out of range`;
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth)
    return `day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  if (hour > 23 || minute > 59 || second > 59) return 'the time is out of range';
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const utc = zone ? wall - offsetFromZone(zone) : zonedToUtc(wall, timezone);
  return new Date(utc);
}

/**
 * A parser for one column: the column's order (from analyzeDateColumn, or forced) applies to every row.
 * Returns the instant, or a message saying why the value is not a date.
 */
export function dateParser(order: DateOrder | null, timezone: string): (raw: string) => Date | string {
  const orderLabel = order === 'dmy' ? 'day-first (D/M/YYYY)' : 'month-first (M/D/YYYY)';
  return (raw) => {
    const value = raw.trim();
    const iso = isoPattern.exec(value);
    if (iso) {
      const result = build(
        Number(iso[1]),
        Number(iso[2]),
        Number(iso[3]),
        Number(iso[4] ?? 0),
        Number(iso[5] ?? 0),
        Number(iso[6] ?? 0),
        iso[7],
        iso[8],
        timezone,
      );
      return typeof result === 'string' ? `"${value}" is not a valid date: ${result}` : result;
    }
    const m = yearLastPattern.exec(value);
    if (!m) return `"${value}" is not a date (expected e.g. 2024-03-31, 2024-03-31 14:05:00 or 3/31/2024)`;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (fitsNoOrder(a, b)) {
      return `"${value}" is not a valid date: neither day/month nor month/day order fits ${m[1]} and ${m[3]}`;
    }
    if (!order) return `"${value}" has day and month in an order this column does not fix`;
    const [month, day] = order === 'mdy' ? [a, b] : [b, a];
    let hour = Number(m[5] ?? 0);
    const meridiem = m[9]?.toUpperCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return `"${value}": hour ${hour} is not valid with ${meridiem}`;
      hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
    }
    const result = build(
      Number(m[4]),
      month,
      day,
      hour,
      Number(m[6] ?? 0),
      Number(m[7] ?? 0),
      m[8],
      m[10],
      timezone,
    );
    return typeof result === 'string' ? `"${value}" is not a valid ${orderLabel} date: ${result}` : result;
  };
}
