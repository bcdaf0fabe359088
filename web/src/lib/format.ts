/** Display formats for figures. One locale for the whole product; `—` stands for "no figure". */
const locale = 'en-US';
export const noValue = '—';

const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(locale, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Amounts in the company's currency (a setting; amounts are never converted), full and short. */
function moneyFormats(currency: string): { full: Intl.NumberFormat; compact: Intl.NumberFormat } {
  const make = (options: Intl.NumberFormatOptions) => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, ...options });
    } catch {
      // An unknown code: US dollars rather than no page at all (settings only offer valid codes).
      return new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', ...options });
    }
  };
  return {
    full: make({ maximumFractionDigits: 0 }),
    compact: make({ notation: 'compact', maximumFractionDigits: 1 }),
  };
}

let money = { currency: 'USD', ...moneyFormats('USD') };

/** The ISO code of the currency amounts are shown in: "USD", "EUR". */
export function moneyCurrency(): string {
  return money.currency;
}

/** The currency every amount is shown in; the signed-in shell sets it from the company settings. */
export function setMoneyCurrency(currency: string): void {
  if (currency !== money.currency) money = { currency, ...moneyFormats(currency) };
}

const signedPercent = new Intl.NumberFormat(locale, {
  style: 'percent',
  signDisplay: 'exceptZero',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const signedPoints = new Intl.NumberFormat(locale, {
  signDisplay: 'exceptZero',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const shortDate = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDate = new Intl.DateTimeFormat(locale, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

type Figure = number | null | undefined;
const missing = (v: Figure): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

/** 12,345 */
export function formatInteger(v: Figure): string {
  return missing(v) ? noValue : integer.format(v);
}

/** A fraction as a percentage: 0.1234 → 12.3% */
export function formatPercent(v: Figure): string {
  return missing(v) ? noValue : percent.format(v);
}

/** 4.25 → 4.3 days */
export function formatDays(v: Figure): string {
  if (missing(v)) return noValue;
  return `${oneDecimal.format(v)} ${v === 1 ? 'day' : 'days'}`;
}

/** $1.2M, €1.2M: in the company's currency */
export function formatMoneyCompact(v: Figure): string {
  return missing(v) ? noValue : money.compact.format(v);
}

/** $1,234,567, €1,234,567: in the company's currency */
export function formatMoney(v: Figure): string {
  return missing(v) ? noValue : money.full.format(v);
}

// A typographic minus: the same width as the plus, so signed figures line up.
const withMinus = (text: string) => text.replace('-', '\u2212');

/** A relative change as a signed percentage: 0.052 → +5.2%, −0.031 → −3.1% */
export function formatDeltaPercent(v: Figure): string {
  return missing(v) ? noValue : withMinus(signedPercent.format(v));
}

/** A change between two rates in percentage points: 0.012 → +1.2 pp */
export function formatDeltaPoints(v: Figure): string {
  return missing(v) ? noValue : `${withMinus(signedPoints.format(v * 100))} pp`;
}

/** `2026-01-05` → Jan 5 (the date is a calendar day, so it is read and shown in UTC). */
export function formatShortDate(isoDate: string): string {
  return shortDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** `2026-01-05` → Jan 5, 2026 */
export function formatLongDate(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A half-open range of calendar days [from, to) as the last day it includes: Jan 1 – Mar 31, 2026. */
export function formatPeriodRange(from: string, to: string): string {
  const last = new Date(`${to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const lastIso = last.toISOString().slice(0, 10);
  const sameYear = from.slice(0, 4) === lastIso.slice(0, 4);
  return `${sameYear ? formatShortDate(from) : formatLongDate(from)} – ${formatLongDate(lastIso)}`;
}

const utcDateTime = {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
} as const;
const dateTime = new Intl.DateTimeFormat(locale, { ...utcDateTime, timeZoneName: 'short' });
// For a column whose heading already says UTC.
const dateTimeUnzoned = new Intl.DateTimeFormat(locale, utcDateTime);
const dayOnly = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric' });

/** An ISO instant as a date and time, in UTC (the API's instants are UTC): Nov 5, 2026, 2:24 PM UTC */
export function formatDateTime(iso: string | null | undefined, { zone = true } = {}): string {
  if (!iso) return noValue;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? noValue : (zone ? dateTime : dateTimeUnzoned).format(date);
}

/** An ISO instant as the calendar day it falls on for the viewer: Nov 5, 2026 */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return noValue;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? noValue : dayOnly.format(date);
}

/** A duration in days, short: 0.4 → "< 1 d", 12.6 → "13 d", 400 → "1.1 y" */
export function formatAge(days: Figure): string {
  if (missing(days)) return noValue;
  if (days < 1) return '< 1 d';
  if (days < 365) return `${integer.format(Math.round(days))} d`;
  return `${oneDecimal.format(days / 365)} y`;
}

/** How long ago an ISO instant was, from `now`: "today", "3 d ago", "5 mo ago" */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return noValue;
  const days = (now - Date.parse(iso)) / 86_400_000;
  if (!Number.isFinite(days)) return noValue;
  if (days < 1) return 'today';
  if (days < 60) return `${integer.format(Math.floor(days))} d ago`;
  if (days < 730) return `${integer.format(Math.floor(days / 30.4))} mo ago`;
  return `${oneDecimal.format(days / 365)} y ago`;
}

/** 4.25 → 4.3 (days, where the column says so) */
export function formatDecimal(v: Figure): string {
  return missing(v) ? noValue : oneDecimal.format(v);
}

const percentFine = new Intl.NumberFormat(locale, {
  style: 'percent',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** A rate where small ones matter: 0.0003 → 0.03%, 0.1234 → 12.3%; an exact zero stays 0.0%. */
export function formatRate(v: Figure): string {
  if (missing(v)) return noValue;
  return v > 0 && v < 0.01 ? percentFine.format(v) : percent.format(v);
}

/** Hours, short: 0.4 → "24 min", 5.88 → "5.9 h", 1245.9 → "51.9 d" (past three days, in days). */
export function formatHours(hours: Figure): string {
  if (missing(hours)) return noValue;
  if (hours < 1) return `${integer.format(Math.round(hours * 60))} min`;
  if (hours < 72) return `${oneDecimal.format(hours)} h`;
  return `${oneDecimal.format(hours / 24)} d`;
}

/** A file size: 688 KB, 1.4 MB, 2.1 GB */
export function formatBytes(bytes: Figure): string {
  if (missing(bytes)) return noValue;
  if (bytes < 1024) return `${integer.format(bytes)} B`;
  if (bytes < 1024 ** 2) return `${integer.format(Math.round(bytes / 1024))} KB`;
  if (bytes < 1024 ** 3) return `${oneDecimal.format(bytes / 1024 ** 2)} MB`;
  return `${oneDecimal.format(bytes / 1024 ** 3)} GB`;
}

/** How long something took, from two ISO instants: "0.8 s", "42 s", "3 min 5 s" */
export function formatElapsed(fromIso: string | null | undefined, toIso: string | null | undefined): string {
  if (!fromIso || !toIso) return noValue;
  const seconds = (Date.parse(toIso) - Date.parse(fromIso)) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) return noValue;
  if (seconds < 10) return `${oneDecimal.format(seconds)} s`;
  if (seconds < 60) return `${integer.format(Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  return `${integer.format(minutes)} min ${integer.format(Math.round(seconds - minutes * 60))} s`;
}

/**
 * A label set inside a sentence: ordinary words in lower case, abbreviations kept ("Became SRL" →
 * "became SRL", "Pipeline created" → "pipeline created", "SRLs" → "SRLs").
 */
export function inSentence(label: string): string {
  return label.replace(/\S+/g, (word) => (/[A-Z].*[A-Z]/.test(word) ? word : word.toLowerCase()));
}
