/**
 * How the board pack writes figures: en-US grouping, amounts in the company currency without
 * cents, rates as percentages with one decimal, durations with one decimal. Null is "—".
 */
export const dash = '—';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const moneyFormats = new Map<string, Intl.NumberFormat>();

export const formatCount = (n: number | null) => (n === null ? dash : integer.format(n));

export function formatMoney(n: number | null, currency: string): string {
  if (n === null) return dash;
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(currency, format);
  }
  return format.format(n);
}

/** A short amount for chart labels: $1.2M, $350K. */
export function formatMoneyShort(n: number, currency: string): string {
  const abs = Math.abs(n);
  const [value, suffix] = abs >= 1e6 ? [n / 1e6, 'M'] : abs >= 1e3 ? [n / 1e3, 'K'] : [n, ''];
  const symbol = formatMoney(0, currency).replace(/[\d\s.,]/g, '');
  return `${value < 0 ? '−' : ''}${symbol}${oneDecimal.format(Math.abs(value)).replace(/\.0$/, '')}${suffix}`;
}

export const formatRate = (r: number | null) => (r === null ? dash : `${oneDecimal.format(r * 100)}%`);

export const formatDays = (d: number | null) => (d === null ? dash : `${oneDecimal.format(d)} d`);

export const formatHours = (h: number | null) => (h === null ? dash : `${oneDecimal.format(h)} h`);

export const formatDecimal = (n: number | null) => (n === null ? dash : oneDecimal.format(n));

/** A signed change: relative for counts and amounts ("+12.3%"), in points for rates ("−1.4 pts"). */
export function formatChange(
  value: number | null,
  base: number | null,
  kind: 'relative' | 'points',
): string | null {
  if (value === null || base === null) return null;
  const change =
    kind === 'points' ? (value - base) * 100 : base === 0 ? null : (value - base) / Math.abs(base);
  if (change === null) return null;
  const text =
    kind === 'points' ? `${oneDecimal.format(Math.abs(change))} pts` : formatRate(Math.abs(change));
  return `${change > 0 ? '+' : change < 0 ? '−' : '±'}${text}`;
}

/** "1 October 2026" for a calendar day YYYY-MM-DD. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** "23 November 2026, 14:05" in a time zone. */
export function formatInstant(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: timezone,
  }).format(at);
}
