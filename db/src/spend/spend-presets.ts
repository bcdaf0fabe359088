/**
 * The spend exports we read. Each ad platform's report export names its columns its own way; a
 * preset says which column holds the day (or month), the amount, the campaign and the currency, and
 * which source the money belongs to when the file has no source column.
 *
 * Column names follow each vendor's report export as documented in its help pages:
 * - Google Ads, campaign report downloaded as CSV: a title line and a date-range line, then `Day`,
 *   `Campaign`, `Currency code`, `Cost` (among others).
 * - LinkedIn Campaign Manager, campaign performance export: a few lines describing the report, then
 *   `Start Date (in UTC)` (M/D/YYYY), `Campaign Name`, `Currency`, `Total Spent`.
 * - Meta Ads Manager, export broken down by day: `Day` (or `Reporting starts`), `Campaign name`,
 *   `Currency` and `Amount spent (USD)`, the currency written in the amount's header.
 */

export interface SpendPreset {
  name: 'google-ads' | 'linkedin-ads' | 'meta-ads' | 'spend';
  label: string;
  date: RegExp[];
  amount: RegExp[];
  campaign: RegExp[];
  currency: RegExp[];
  source: RegExp[];
  /** The source the file's money goes to when it has no source column (the user may pick another). */
  defaultSource: string | null;
}

export const spendPresets: readonly SpendPreset[] = [
  {
    name: 'google-ads',
    label: 'Google Ads report',
    date: [/^day$/, /^date$/, /^month$/],
    amount: [/^cost$/],
    campaign: [/^campaign$/],
    currency: [/^currency code$/, /^currency$/],
    source: [],
    defaultSource: 'Paid search',
  },
  {
    name: 'linkedin-ads',
    label: 'LinkedIn Campaign Manager export',
    date: [/^start date \(in utc\)$/, /^date$/],
    amount: [/^total spent$/, /^amount spent$/],
    campaign: [/^campaign name$/, /^campaign$/],
    currency: [/^currency$/],
    source: [],
    defaultSource: 'LinkedIn ads',
  },
  {
    name: 'meta-ads',
    label: 'Meta Ads Manager export',
    date: [/^day$/, /^reporting starts$/],
    amount: [/^amount spent(?: \([a-z]{3}\))?$/],
    campaign: [/^campaign name$/],
    currency: [/^currency$/],
    source: [],
    defaultSource: 'Paid social',
  },
  {
    name: 'spend',
    label: 'Spend by source (month, source, amount)',
    date: [/^month$/, /^date$/, /^day$/],
    amount: [/^amount$/, /^spend$/, /^cost$/],
    campaign: [/^campaign$/],
    currency: [/^currency$/],
    source: [/^source$/],
    defaultSource: null,
  },
];

export type SpendPresetName = SpendPreset['name'];

export const headerKey = (header: string) =>
  header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');

/** The index of the first header matching one of the patterns, in the patterns' order of preference. */
export function findColumn(headers: readonly string[], patterns: readonly RegExp[]): number {
  const keys = headers.map(headerKey);
  for (const pattern of patterns) {
    const index = keys.findIndex((k) => pattern.test(k));
    if (index >= 0) return index;
  }
  return -1;
}

/** Whether a row of cells is this preset's header: it names a date and an amount column. */
export function isHeaderOf(preset: SpendPreset, cells: readonly string[]): boolean {
  return findColumn(cells, preset.date) >= 0 && findColumn(cells, preset.amount) >= 0;
}

/** The currency a Meta export writes into its amount header: `Amount spent (EUR)` → EUR. */
export function currencyInHeader(header: string): string | null {
  return /\(([a-z]{3})\)$/i.exec(header.trim())?.[1]?.toUpperCase() ?? null;
}
