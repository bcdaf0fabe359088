import { parse } from 'csv-parse/sync';
import { defined } from '../defined';
import { analyzeDateColumn, type DateOrder, dateParser } from '../import/parse-date';
import { supportedYears } from '../periods';
import { normaliseSourceName } from '../sources/source-key';
import {
  currencyInHeader,
  findColumn,
  isHeaderOf,
  type SpendPreset,
  type SpendPresetName,
  spendPresets,
} from './spend-presets';

/** One line of spend: the money of one day (or month) for one source, counted into its month. */
export interface SpendLine {
  line: number;
  source: string;
  /** The campaign the export names, '' when it has no campaign column or the cell is empty. */
  campaign: string;
  /** First day of the month, `YYYY-MM-01`. */
  month: string;
  amount: number;
}

export interface SpendProblem {
  line: number;
  column: string | null;
  message: string;
}

export interface SpendFile {
  preset: SpendPresetName;
  label: string;
  /** Data rows read (total lines of the export not counted). */
  read: number;
  rows: SpendLine[];
  problems: SpendProblem[];
}

export interface ReadSpendOptions {
  preset?: SpendPresetName;
  /** The source of a file with no source column; default: the preset's. */
  source?: string;
  /** The company's currency: an amount in another one is refused, never silently mixed. */
  currency: string;
  dateOrder?: DateOrder;
}

/** A file that cannot be read at all (no header found, no source to book it to…): nothing is stored. */
export class SpendFileError extends Error {}

/** A year of daily rows for a hundred campaigns fits with room to spare. */
export const maxSpendRows = 50_000;
/** Exports put a title, a date range or a report description above the header. */
const headerSearchLines = 12;

type Cells = string[];

function parseCells(text: string): { cells: Cells; line: number }[] {
  try {
    const records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      to: maxSpendRows + headerSearchLines + 1,
    }) as unknown as { record: Cells; info: { lines: number } }[];
    return records.map((r) => ({ cells: r.record, line: r.info.lines }));
  } catch (error) {
    throw new SpendFileError(`the file is not a readable CSV: ${(error as Error).message}`);
  }
}

/** The header row and the preset it belongs to: a source column means the plain spend layout. */
function findHeader(
  records: { cells: Cells }[],
  wanted: SpendPresetName | undefined,
): { index: number; preset: SpendPreset } {
  const generic = defined(spendPresets.find((p) => p.name === 'spend'));
  const candidates = wanted ? spendPresets.filter((p) => p.name === wanted) : spendPresets;
  for (let i = 0; i < Math.min(records.length, headerSearchLines); i++) {
    const cells = defined(records[i]).cells;
    if (!wanted && isHeaderOf(generic, cells) && findColumn(cells, generic.source) >= 0) {
      return { index: i, preset: generic };
    }
    const preset = candidates.find((p) => isHeaderOf(p, cells));
    if (preset) return { index: i, preset };
  }
  const expected = candidates
    .map(
      (p) =>
        `${p.label}: a date column and ${p.amount.map((r) => `"${r.source.replace(/[\^$\\]/g, '')}"`)[0]}`,
    )
    .join('; ');
  throw new SpendFileError(
    `no header row found in the first ${headerSearchLines} lines (expected ${expected})`,
  );
}

/**
 * An amount as exports write it: `1234.5`, `1,234.50`, `$1,234.50`, `1.234,50`; `--` (Google's
 * "nothing") is zero. Returns a message when the text is not an amount.
 */
export function parseAmount(raw: string): number | string {
  let text = raw.trim();
  if (text === '--' || text === '-') return 0;
  // A currency sign or code before or after the number; anything else stays and is refused.
  text = text
    .replace(/^(?:[$€£¥]|[A-Z]{3}\s)\s*/i, '')
    .replace(/\s*(?:[$€£¥]|\s[A-Z]{3})$/i, '')
    .replace(/[\s\u00a0']/g, '');
  if (/^-?\d{1,3}(\.\d{3})+,\d{1,2}$/.test(text) || /^-?\d+,\d{1,2}$/.test(text)) {
    text = text.replace(/\./g, '').replace(',', '.');
  } else {
    text = text.replace(/,/g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(text)) return `"${raw.trim().slice(0, 40)}" is not an amount`;
  const value = Number(text);
  if (value < 0) return `${raw.trim()} is negative: spend is money paid out`;
  if (value >= 1e12) return `${raw.trim()} is too large for one line`;
  return Math.round(value * 100) / 100;
}

const monthPattern = /^(\d{4})-(\d{1,2})$/;

/**
 * Reads a spend export: finds the header under any title lines, maps the columns by the preset, and
 * turns each row into a month's amount for a source. A bad row is reported with its line and column
 * and left out; the export's total lines are skipped.
 */
export function readSpendCsv(text: string, options: ReadSpendOptions): SpendFile {
  const records = parseCells(text);
  const { index, preset } = findHeader(records, options.preset);
  const header = defined(records[index]).cells;
  const column = (patterns: RegExp[]) => findColumn(header, patterns);
  const dateAt = column(preset.date);
  const amountAt = column(preset.amount);
  const currencyAt = column(preset.currency);
  const sourceAt = column(preset.source);
  const campaignAt = column(preset.campaign);
  const currency = options.currency.toUpperCase();
  const headerCurrency = currencyInHeader(defined(header[amountAt]));
  if (headerCurrency && headerCurrency !== currency) {
    throw new SpendFileError(
      `the amounts are in ${headerCurrency} ("${header[amountAt]}") and the company's figures in ${currency}: export the report in ${currency} or change the currency in Settings → General`,
    );
  }
  const fixedSource = sourceAt < 0 ? normaliseSourceName(options.source ?? preset.defaultSource ?? '') : null;
  if (fixedSource === '') {
    throw new SpendFileError('the file has no source column: choose the source this spend belongs to');
  }
  const data = records.slice(index + 1);
  if (data.length > maxSpendRows) {
    throw new SpendFileError(
      `a spend file may have at most ${maxSpendRows.toLocaleString('en-US')} rows; split it by month or quarter`,
    );
  }
  const isTotal = (cells: Cells) => /^total\b/i.test(cells[0] ?? '') || /^total\b/i.test(cells[dateAt] ?? '');
  const rows = data.filter((r) => !isTotal(r.cells));

  // The day order is decided once for the column, as imports do; LinkedIn writes US dates.
  const dayValues = rows.map((r) => r.cells[dateAt] ?? '').filter((v) => !monthPattern.test(v.trim()));
  const analysis = analyzeDateColumn(dayValues, options.dateOrder);
  let order: DateOrder | null =
    options.dateOrder ?? (analysis.style === 'mdy' || analysis.style === 'dmy' ? analysis.style : null);
  if (!order && analysis.style === 'ambiguous') {
    if (preset.name === 'linkedin-ads') order = 'mdy';
    else {
      throw new SpendFileError(
        `the dates in "${header[dateAt]}" fit both day-first and month-first (${analysis.reason ?? 'e.g. 3/4/2026'}): choose the day order`,
      );
    }
  }
  const toDate = dateParser(order, 'UTC');
  const out: SpendLine[] = [];
  const problems: SpendProblem[] = [];
  const name = (at: number) => header[at] ?? null;
  for (const { cells, line } of rows) {
    const rowProblems: SpendProblem[] = [];
    const rawDate = (cells[dateAt] ?? '').trim();
    let month: string | null = null;
    const asMonth = monthPattern.exec(rawDate);
    if (rawDate === '') rowProblems.push({ line, column: name(dateAt), message: 'no date' });
    else if (asMonth) {
      const m = Number(asMonth[2]);
      if (m >= 1 && m <= 12) month = `${asMonth[1]}-${String(m).padStart(2, '0')}-01`;
      else rowProblems.push({ line, column: name(dateAt), message: `"${rawDate}" is not a month` });
    } else {
      const parsed = toDate(rawDate);
      if (typeof parsed === 'string') rowProblems.push({ line, column: name(dateAt), message: parsed });
      else month = `${parsed.toISOString().slice(0, 7)}-01`;
    }
    if (month) {
      const year = Number(month.slice(0, 4));
      if (year < supportedYears.first || year > supportedYears.last) {
        rowProblems.push({
          line,
          column: name(dateAt),
          message: `"${rawDate}" is outside the years ${supportedYears.first} to ${supportedYears.last}`,
        });
        month = null;
      }
    }
    const amount = parseAmount(cells[amountAt] ?? '');
    if (typeof amount === 'string') rowProblems.push({ line, column: name(amountAt), message: amount });
    const rowCurrency = currencyAt >= 0 ? (cells[currencyAt] ?? '').trim().toUpperCase() : '';
    if (rowCurrency && rowCurrency !== currency) {
      rowProblems.push({
        line,
        column: name(currencyAt),
        message: `the amount is in ${rowCurrency}, the company's figures in ${currency}`,
      });
    }
    const source = fixedSource ?? normaliseSourceName(cells[sourceAt] ?? '');
    if (source === '') rowProblems.push({ line, column: name(sourceAt), message: 'no source' });
    if (rowProblems.length || month === null || typeof amount === 'string') problems.push(...rowProblems);
    else {
      const campaign =
        campaignAt >= 0 ? (cells[campaignAt] ?? '').trim().replace(/\s+/g, ' ').slice(0, 200) : '';
      out.push({ line, source, campaign, month, amount });
    }
  }
  return { preset: preset.name, label: preset.label, read: rows.length, rows: out, problems };
}
