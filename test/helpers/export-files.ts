import { defined } from '@salesready/db/defined';
import ExcelJS from 'exceljs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Reads a response body chunk by chunk, as a browser would: the chunks and all the bytes. */
export async function readChunks(res: Response): Promise<{ chunks: number; bytes: Buffer }> {
  const reader = defined(res.body).getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return { chunks: parts.length, bytes: Buffer.concat(parts) };
}

/** Opens an XLSX with exceljs (independently of how the product wrote it). */
export async function openXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as arrays of cell values (index 0 = column A), header row first. */
export function sheetRows(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push(values.slice(1));
  });
  return rows;
}

/** The About sheet as a map of key → value. */
export function aboutSheet(workbook: ExcelJS.Workbook): Map<string, ExcelJS.CellValue> {
  const about = workbook.getWorksheet('About');
  if (!about) throw new Error('no About sheet');
  return new Map(sheetRows(about).map((r) => [String(r[0]), r[1] ?? null]));
}

/** A table's rows keyed by header: [{ header: value }]. */
export function recordsOf(rows: unknown[][]): Record<string, unknown>[] {
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(defined(header).map((h, i) => [String(h), r[i] ?? null])));
}

/**
 * A CSV export split into its About block (`key,value` lines up to the first blank line) and its
 * table (the rest), parsed by csv-parse, not by the product.
 */
export async function splitCsv(text: string): Promise<{ about: Map<string, string>; rows: string[][] }> {
  const { parse } = await import('csv-parse/sync');
  const body = text.replace(/^\uFEFF/, '');
  const blank = body.indexOf('\r\n\r\n');
  const head = blank >= 0 ? body.slice(0, blank + 2) : '';
  const table = blank >= 0 ? body.slice(blank + 4) : body;
  const about = new Map((parse(head) as string[][]).map((r) => [defined(r[0]), defined(r[1])]));
  return { about, rows: parse(table, { relax_column_count: false }) as string[][] };
}

export interface PdfFacts {
  pages: number;
  /** Each page's size in points. */
  sizes: [number, number][];
  /** Each page's text, items joined by spaces and whitespace collapsed. */
  text: string[];
  /** Image painting operations across the document (vector-only means none). */
  imageOps: number;
}

/** Text and structure of a PDF, read with pdf.js. */
export async function readPdf(bytes: Buffer): Promise<PdfFacts> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const facts: PdfFacts = { pages: doc.numPages, sizes: [], text: [], imageOps: 0 };
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
  ]);
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    facts.sizes.push([x1 - x0, y1 - y0]);
    const content = await page.getTextContent();
    // Lines end where the layout wrapped them: after a hyphen or a slash the word goes on.
    let text = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      text += item.str;
      text += item.hasEOL && /[-/]$/.test(item.str) ? '' : ' ';
    }
    facts.text.push(text.replace(/\s+/g, ' '));
    const ops = await page.getOperatorList();
    facts.imageOps += ops.fnArray.filter((op) => imageOps.has(op)).length;
  }
  await doc.destroy();
  return facts;
}

/** Text as a test compares it: markdown marks dropped, whitespace collapsed. */
export function plainWords(text: string): string {
  return text
    .replace(/`/g, '')
    .replace(/\*\*/g, '')
    .replace(/(?<!\w)_([^_\s][^_]*?)_(?!\w)/g, '$1')
    .replace(/\s+/g, ' ');
}
