import { once } from 'node:events';
import type { PassThrough } from 'node:stream';
import { defined } from '@salesready/db/defined';
import type { Worksheet } from 'exceljs';
import { type Cell, type Column, type ColumnKind, type ExportTable, rowBatches } from './table';

const numberFormats: Partial<Record<ColumnKind, string>> = {
  integer: '#,##0',
  number: '#,##0.00',
  money: '#,##0.00',
  rate: '0.0%',
  days: '0.0',
  hours: '0.0',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

const defaultWidths: Record<ColumnKind, number> = {
  text: 22,
  integer: 12,
  number: 14,
  money: 16,
  rate: 11,
  days: 11,
  hours: 11,
  date: 12,
  datetime: 20,
};

/** A calendar day or an ISO instant as the Date exceljs writes as an Excel date (UTC). */
function toDate(value: string, kind: 'date' | 'datetime'): Date | string {
  const date = new Date(kind === 'date' ? `${value.slice(0, 10)}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : date;
}

/**
 * The value a cell gets: numbers stay numbers, days and instants become dates, and text stays a
 * plain string, never a formula (exceljs only writes a formula for a `{ formula }` object).
 */
function cellValue(value: Cell, column: Column): string | number | Date | null {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (column.kind === 'date' || column.kind === 'datetime') return toDate(value, column.kind);
  return value;
}

/** Waits until the reader has taken what was written, so rows never pile up in memory. */
async function drained(out: PassThrough): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (out.writableNeedDrain && !out.destroyed) {
    await Promise.race([once(out, 'drain'), once(out, 'close')]);
  }
  if (out.destroyed) throw new Error('the export was cancelled by the client');
}

function writeAbout(sheet: Worksheet, table: ExportTable): void {
  sheet.columns = [{ width: 24 }, { width: 70 }];
  const title = sheet.addRow(['SalesReady export', table.title]);
  title.font = { bold: true };
  title.commit();
  for (const entry of table.about) {
    const row = sheet.addRow([entry.key, entry.value]);
    row.getCell(1).font = { bold: true };
    if (entry.value instanceof Date) row.getCell(2).numFmt = defined(numberFormats[entry.kind ?? 'datetime']);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    row.commit();
  }
}

/**
 * Streams the workbook into `out`: the table on its first sheet (header row frozen, filters on,
 * number formats per column) and the About block on a second sheet "About". Rows are committed
 * batch by batch with inline strings, so memory stays bounded however long the list.
 */
export async function writeXlsx(table: ExportTable, out: PassThrough): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'SalesReady';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const about = workbook.addWorksheet('About');
  sheet.columns = table.columns.map((c) => ({ width: c.width ?? defaultWidths[c.kind] }));
  const formats = table.columns.map((c) => numberFormats[c.kind]);
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };

  for await (const batch of rowBatches(table)) {
    for (const cells of batch) {
      const row = sheet.addRow(cells.map((value, i) => cellValue(value, defined(table.columns[i]))));
      formats.forEach((format, i) => {
        if (format && cells[i] !== null) row.getCell(i + 1).numFmt = format;
      });
      row.commit();
    }
    await drained(out);
  }
  sheet.commit();
  writeAbout(about, table);
  about.commit();
  await workbook.commit();
}
