/**
 * An exported table: columns that say what each value is (so XLSX gets numbers, percentages and
 * dates, and CSV gets plain numbers and ISO dates), rows, and the "About" block that says which
 * period and filters produced it (docs/decisions/0004-export-format.md).
 */

/** How a column's values are written; every numeric kind is a number in both formats. */
export type ColumnKind =
  | 'text'
  | 'integer'
  | 'number'
  | 'money'
  | 'rate'
  | 'days'
  | 'hours'
  /** A calendar day, YYYY-MM-DD. */
  | 'date'
  /** An instant, ISO 8601 in UTC. */
  | 'datetime';

export interface Column {
  header: string;
  kind: ColumnKind;
  /** XLSX column width in characters; a default per kind otherwise. */
  width?: number;
}

export type Cell = string | number | null;

/** A key and its value in the About block; a Date is written as a day (`date`) or an instant. */
export interface AboutEntry {
  key: string;
  value: string | number | Date;
  kind?: 'date' | 'datetime';
}

/** A calendar day (YYYY-MM-DD) as the Date of its UTC midnight, which spreadsheets show as that day. */
export const dayAsDate = (day: string) => new Date(`${day}T00:00:00Z`);

export interface ExportTable {
  /** File and sheet name part: `sources`, `funnel`, … */
  name: string;
  /** The sheet's title ("Sources"). */
  title: string;
  columns: Column[];
  /** The rows, each in column order; an async iterable is streamed batch by batch. */
  rows: Cell[][] | AsyncIterable<Cell[][]>;
  about: AboutEntry[];
  /** Period part of the file name: `2026-Q4`, `2026-01-01_2026-03-31`. */
  periodLabel: string;
}

/** Rows as batches, whatever the table holds. */
export async function* rowBatches(table: ExportTable): AsyncGenerator<Cell[][]> {
  if (Array.isArray(table.rows)) {
    yield table.rows;
    return;
  }
  yield* table.rows;
}

/** `salesready-sources-2026-Q4.xlsx`: only letters, digits, `-` and `_` from the label. */
export function exportFileName(table: Pick<ExportTable, 'name' | 'periodLabel'>, format: string): string {
  const label = table.periodLabel.replace(/\.\./g, '_').replace(/[^A-Za-z0-9_-]/g, '');
  return `salesready-${table.name}-${label}.${format}`;
}
