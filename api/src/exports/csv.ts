import { inertCsvText } from './inert-text';
import { type AboutEntry, type Cell, type ExportTable, rowBatches } from './table';

const newline = '\r\n';

/** One CSV field (RFC 4180): text made inert against formulas, quoted when it needs to be. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = inertCsvText(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (cells: Cell[]) => cells.map(csvField).join(',') + newline;

function aboutValue(entry: AboutEntry): Cell {
  if (!(entry.value instanceof Date)) return entry.value;
  const iso = entry.value.toISOString();
  return entry.kind === 'date' ? iso.slice(0, 10) : iso;
}

/**
 * The CSV as text chunks, one per batch of rows, so a long list streams. With `about`, the file
 * opens with the About block (`key,value` lines) and a blank line before the table's header row.
 * A byte-order mark lets Excel read the file as UTF-8.
 */
export async function* csvChunks(table: ExportTable, about: boolean): AsyncGenerator<string> {
  let head = '\uFEFF';
  if (about) {
    head += table.about.map((entry) => csvLine([entry.key, aboutValue(entry)])).join('');
    head += newline;
  }
  yield head + csvLine(table.columns.map((c) => c.header));
  for await (const batch of rowBatches(table)) {
    if (batch.length) yield batch.map(csvLine).join('');
  }
}
