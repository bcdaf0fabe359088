import { defined } from '../defined';
import {
  type FieldKind,
  fieldKinds,
  funnelStages,
  isLeadField,
  type LeadField,
  type LeadWrite,
  leadFields,
  type RowProblem,
  statusForStage,
  writeKeyOf,
} from './lead-fields';
import { analyzeDateColumn, type DateColumnAnalysis, type DateOrder, dateParser } from './parse-date';

/** How a file's columns become lead fields. */
export interface MappingSpec {
  /** field → CSV column. */
  fields: Partial<Record<LeadField, string>>;
  /** column → { raw value → mapped value }; `*` maps any other non-empty value. */
  values?: Record<string, Record<string, string>>;
  /** field → value: fills a field no column fills, and the empty cells of a mapped one. */
  constants?: Partial<Record<LeadField, string>>;
  /** IANA zone for dates without a zone. */
  timezone: string;
  /** Day/month order when a column's values cannot tell (all days ≤ 12). */
  dateOrder?: DateOrder;
  /** Column → the order decided from an earlier sample (a chunked import's later chunks). */
  dateOrders?: Record<string, DateOrder>;
}

/** The mapping cannot be used with this file; nothing is written. */
export class MappingError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

export interface CompiledMapping {
  /** The fields rows fill (by a column or a constant). */
  fields: LeadField[];
  /** The CSV column of each mapped field, as found in the header. */
  columns: Partial<Record<LeadField, string>>;
  /** Per mapped date column: the format decided for the whole column. */
  dateFormats: Record<string, DateColumnAnalysis>;
  mapRow: (fields: string[], line: number) => { lead: LeadWrite } | { problems: RowProblem[] };
}

// Placeholders exports use for "no value" (X Education's form uses `Select`).
const nullTokens = new Set(['', 'select', 'null', 'n/a', '#n/a', 'nan']);
const trueTokens = new Set(['true', 'yes', 'y', 't', '1', 'x', 'on']);
const falseTokens = new Set(['false', 'no', 'n', 'f', '0', 'off']);
const stageAliases: Record<string, string> = {
  sql: 'sales_ready',
  salesready: 'sales_ready',
  sal: 'accepted',
};
const maxText = 1000;

type Parsed = { value: unknown } | { error: string };

/** Amounts as exports write them: `1,234.56`, `1.234,56`, `$ 1 200`, `(50.00)`, `50.0`. */
export function parseAmount(raw: string): number | string {
  let text = raw.trim();
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1);
  }
  text = text.replace(/[\s\u00a0'’]|[$€£¥]|\b(USD|EUR|GBP|BRL|R\$)\b/gi, '');
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return `"${raw}" is not an amount`;
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let normal: string;
  if (lastDot !== -1 && lastComma !== -1) {
    // Both appear: the later one is the decimal mark.
    const decimal = lastDot > lastComma ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    normal = text.split(group).join('').replace(decimal, '.');
  } else if (lastComma !== -1) {
    normal = /^\d{1,3}(,\d{3})+$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.');
  } else if ((text.match(/\./g) ?? []).length > 1) {
    normal = /^\d{1,3}(\.\d{3})+$/.test(text) ? text.replace(/\./g, '') : '';
  } else {
    normal = text;
  }
  if (!/^\d+(\.\d+)?$/.test(normal)) return `"${raw}" is not an amount`;
  const value = Number(normal) * (negative ? -1 : 1);
  if (!Number.isFinite(value) || Math.abs(value) >= 1e12) return `"${raw}" is out of range for an amount`;
  return Math.round(value * 100) / 100;
}

function parserFor(
  kind: FieldKind,
  field: LeadField,
  date: ((raw: string) => Date | string) | null,
): (value: string) => Parsed {
  switch (kind) {
    case 'id':
      return (v) =>
        v === ''
          ? { error: 'the id is empty' }
          : v.length > 200
            ? { error: 'the id is longer than 200 characters' }
            : { value: v };
    case 'text':
      return (v) =>
        nullTokens.has(v.toLowerCase())
          ? { value: null }
          : v.length > maxText
            ? { error: `longer than ${maxText} characters` }
            : { value: v };
    case 'date': {
      const parseDate = defined(date);
      return (v) => {
        if (v === '')
          return field === 'createdAt' ? { error: 'the creation date is empty' } : { value: null };
        const parsed = parseDate(v);
        return typeof parsed === 'string' ? { error: parsed } : { value: parsed };
      };
    }
    case 'boolean':
      return (v) => {
        const lower = v.toLowerCase();
        if (lower === '' || falseTokens.has(lower)) return { value: false };
        if (trueTokens.has(lower)) return { value: true };
        const n = Number(lower);
        if (n === 0 || n === 1) return { value: n === 1 };
        return { error: `"${v}" is not yes/no, true/false or 1/0` };
      };
    case 'score':
      return (v) => {
        if (nullTokens.has(v.toLowerCase())) return { value: null };
        const n = Number(v.replace(',', '.'));
        if (!Number.isFinite(n)) return { error: `"${v}" is not a number` };
        if (n < 0 || n > 100) return { error: `score ${v} is outside 0–100` };
        return { value: Math.round(n) };
      };
    case 'amount':
      return (v) => {
        if (nullTokens.has(v.toLowerCase())) return { value: null };
        const n = parseAmount(v);
        return typeof n === 'string' ? { error: n } : { value: n };
      };
    case 'stage':
      return (v) => (v === '' ? { value: null } : { value: v });
  }
}

function canonicalStage(value: string): string | null {
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const aliased = stageAliases[key.replace(/_/g, '')] ?? key;
  return (funnelStages as readonly string[]).includes(aliased) ? aliased : null;
}

function valueMapper(map: Record<string, string> | undefined): (raw: string) => string {
  if (!map) return (raw) => raw;
  const exact = new Map(Object.entries(map).map(([k, v]) => [k.trim(), v]));
  const folded = new Map(Object.entries(map).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const fallback = exact.get('*');
  return (raw) => {
    const hit = exact.get(raw) ?? folded.get(raw.toLowerCase());
    if (hit !== undefined) return hit;
    return fallback !== undefined && raw !== '' ? fallback : raw;
  };
}

function findColumn(headers: string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact !== -1) return exact;
  const folded = wanted.trim().toLowerCase();
  return headers.findIndex((h) => h.toLowerCase() === folded);
}

/** The day/month order each date column was given, to compile the same mapping without a sample. */
export function decidedDateOrders(compiled: CompiledMapping): Record<string, DateOrder> {
  const out: Record<string, DateOrder> = {};
  for (const [column, analysis] of Object.entries(compiled.dateFormats)) {
    if (analysis.style === 'mdy' || analysis.style === 'dmy') out[column] = analysis.style;
  }
  return out;
}

/**
 * Checks a mapping against the file's header and a sample of its first rows (which fixes each date
 * column's day/month order), and returns the row mapper. Throws MappingError listing every problem.
 */
export function compileMapping(
  headers: string[],
  spec: MappingSpec,
  /** The first rows, which fix each date column's order; null: the orders are `spec.dateOrders`. */
  sample: string[][] | null,
  mode: 'upsert' | 'update',
): CompiledMapping {
  const problems: RowProblem[] = [];
  const headerProblem = (column: string | null, message: string) =>
    problems.push({ line: 1, column, message });
  for (const name of [...Object.keys(spec.fields), ...Object.keys(spec.constants ?? {})]) {
    if (!isLeadField(name))
      headerProblem(null, `"${name}" is not a lead field (fields: ${leadFields.join(', ')})`);
  }
  const columns: Partial<Record<LeadField, string>> = {};
  const indexes: Partial<Record<LeadField, number>> = {};
  for (const field of leadFields) {
    const column = spec.fields[field];
    if (column === undefined || column === '') continue;
    const index = findColumn(headers, column);
    if (index === -1) {
      headerProblem(column, `the file has no column "${column}" (mapped to ${field})`);
      continue;
    }
    indexes[field] = index;
    columns[field] = defined(headers[index]);
  }
  const constants = spec.constants ?? {};
  if (indexes.externalId === undefined && spec.fields.externalId === undefined) {
    headerProblem(null, 'externalId is not mapped: map the column that holds each lead’s id');
  }
  if (mode === 'upsert' && spec.fields.createdAt === undefined && constants.createdAt === undefined) {
    headerProblem(
      null,
      'createdAt is not mapped: map the column with the creation date or give a constant date',
    );
  }
  const filled = leadFields.filter((f) => indexes[f] !== undefined || constants[f] !== undefined);
  if (mode === 'update' && filled.filter((f) => f !== 'externalId').length === 0) {
    headerProblem(null, 'update mode needs at least one field to update besides externalId');
  }

  const valueMaps = new Map<string, (raw: string) => string>();
  for (const [column, map] of Object.entries(spec.values ?? {})) {
    const index = findColumn(headers, column);
    if (index === -1)
      headerProblem(column, `values are given for "${column}", which is not a column of the file`);
    else valueMaps.set(defined(headers[index]), valueMapper(map));
  }

  const dateFormats: Record<string, DateColumnAnalysis> = {};
  const steps: {
    field: LeadField;
    index: number | undefined;
    column: string | null;
    mapValue: (raw: string) => string;
    parse: (value: string) => Parsed;
    constant: Parsed | null;
  }[] = [];
  for (const field of filled) {
    const kind = fieldKinds[field];
    const index = indexes[field];
    const column = columns[field] ?? null;
    const mapValue = (column && valueMaps.get(column)) || ((raw: string) => raw);
    let date: ((raw: string) => Date | string) | null = null;
    if (kind === 'date') {
      let order: DateOrder | null = null;
      if (column && sample === null) order = spec.dateOrders?.[column] ?? null;
      else if (column && index !== undefined) {
        const analysis = analyzeDateColumn(
          (function* () {
            for (const row of sample ?? []) yield mapValue((row[index] ?? '').trim());
          })(),
          spec.dateOrder,
        );
        dateFormats[column] = analysis;
        if (analysis.style === 'ambiguous' || analysis.style === 'mixed' || analysis.style === 'invalid') {
          headerProblem(column, `column "${column}" (${field}): ${analysis.reason}`);
        }
        if (analysis.style === 'mdy' || analysis.style === 'dmy') order = analysis.style;
      }
      date = dateParser(order ?? spec.dateOrder ?? null, spec.timezone);
    }
    const parse = parserFor(kind, field, date);
    let constant: Parsed | null = null;
    const constantText = constants[field];
    if (constantText !== undefined) {
      constant = parse(constantText.trim());
      if ('error' in constant)
        headerProblem(null, `the constant for ${field} is not valid: ${constant.error}`);
    }
    steps.push({ field, index, column, mapValue, parse, constant });
  }
  if (problems.length > 0) throw new MappingError(problems);

  const width = headers.length;
  const hasStage = filled.includes('stage');
  const fillsWon = filled.includes('wonAt');
  const fillsLost = filled.includes('lostAt');

  function mapRow(cells: string[], line: number): { lead: LeadWrite } | { problems: RowProblem[] } {
    if (cells.length < width) {
      return {
        problems: [
          { line, column: null, message: `the row has ${cells.length} fields; the header has ${width}` },
        ],
      };
    }
    if (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')) {
      return {
        problems: [
          { line, column: null, message: `the row has ${cells.length} fields; the header has ${width}` },
        ],
      };
    }
    const lead: Record<string, unknown> = {};
    let rowProblems: RowProblem[] | null = null;
    for (const step of steps) {
      let parsed: Parsed;
      const cell = step.index === undefined ? null : defined(cells[step.index]);
      if (cell === null) parsed = defined(step.constant);
      else if (cell.includes('\0')) {
        // PostgreSQL text cannot hold a NUL byte: the row is refused rather than the batch.
        parsed = {
          error: 'contains a NUL character (byte 0), which cannot be stored: remove it from the file',
        };
      } else {
        const value = step.mapValue(cell.trim()).trim();
        parsed = value === '' && step.constant ? step.constant : step.parse(value);
      }
      if ('error' in parsed) {
        rowProblems ??= [];
        rowProblems.push({ line, column: step.column, message: parsed.error });
        continue;
      }
      if (step.field === 'stage') {
        // The funnel stage when the value names one (directly or through the value map), else as written.
        const raw = parsed.value as string | null;
        const stage = raw === null ? null : canonicalStage(raw);
        lead.stage = stage ?? raw;
        if (raw !== null) lead.status = statusForStage(stage ?? 'open');
      } else {
        lead[writeKeyOf[step.field]] = parsed.value;
      }
    }
    if (rowProblems) return { problems: rowProblems };
    if (hasStage && lead.status !== undefined) {
      // One close-date column can feed both: it is a won date only on won rows, a lost date only on lost ones.
      if (fillsWon && lead.status !== 'won') lead.wonAt = null;
      if (fillsLost && lead.status !== 'lost') lead.lostAt = null;
    } else if (!hasStage && (fillsWon || fillsLost)) {
      if (lead.wonAt) lead.status = 'won';
      else if (lead.lostAt) lead.status = 'lost';
    }
    return { lead: lead as unknown as LeadWrite };
  }

  return { fields: filled, columns, dateFormats, mapRow };
}
