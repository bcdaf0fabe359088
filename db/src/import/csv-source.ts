import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { defined } from '../defined';

/** A file-level problem: the import cannot start (or go on) at all. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    /** The line it was found on; 0 when it concerns the whole file. */
    readonly line = 0,
  ) {
    super(message);
  }
}

export type CsvEncoding = 'utf-8' | 'latin1';

export interface CsvRow {
  /** Line of the file the record starts on (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvSource {
  headers: string[];
  delimiter: string;
  /** The data records, streamed: only the parser's buffer and the caller's batch are in memory. */
  rows: AsyncGenerator<CsvRow>;
  /** Bytes read from the input so far (for progress). */
  bytesRead: () => number;
  /** Stops reading (when the import ends before the file does). */
  close: () => void;
}

const sniffBytes = 64 * 1024;

function describeBinary(head: Buffer): string | null {
  const startsWith = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (startsWith(0xff, 0xfe) || startsWith(0xfe, 0xff)) {
    return 'the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as "CSV UTF-8" and import that';
  }
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) {
    return 'the file is a ZIP archive (an Excel .xlsx workbook?), not a CSV; export the sheet as "CSV UTF-8"';
  }
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0))
    return 'the file is an old Excel (.xls) workbook, not a CSV; export it as CSV';
  if (startsWith(0x1f, 0x8b)) return 'the file is gzip-compressed; decompress it first';
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return 'the file is a PDF, not a CSV';
  let nulEven = 0;
  let nulOdd = 0;
  let control = 0;
  for (const [i, b] of head.entries()) {
    if (b === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  const half = head.length / 2;
  if (half >= 2 && (nulEven > half * 0.3 || nulOdd > half * 0.3)) {
    return 'the file looks like UTF-16 text without a byte-order mark (every other byte is zero); save it as "CSV UTF-8"';
  }
  if (nulEven + nulOdd > 0 || control > head.length * 0.01) {
    const at = head.findIndex(
      (b) => b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c),
    );
    return `the file is binary, not CSV text (control byte 0x${defined(head[at]).toString(16).padStart(2, '0')} at byte ${at})`;
  }
  return null;
}

export function lineOfByte(buf: Buffer, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < buf.length; i++) if (buf[i] === 0x0a) line++;
  return line;
}

/** The first byte of an invalid UTF-8 sequence, or -1; a sequence cut by the end of `buf` is not invalid. */
export function firstInvalidUtf8(buf: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    decoder.decode(buf, { stream: true });
    return -1;
  } catch {
    // Narrow it down by halves: only reached on a bad file, so the cost does not matter.
    let lo = 0;
    let hi = buf.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    // `lo` ends the longest valid prefix; the bad sequence may have started up to 3 bytes before it.
    for (let k = 1; k <= 3 && lo - k >= 0; k++) {
      const b = defined(buf[lo - k]);
      if (b >= 0xc0) return lo - k;
      if (b < 0x80) break;
    }
    return lo;
  }
}

function pickDelimiter(head: string): string {
  const end = head.search(/\r?\n/);
  const firstLine = end === -1 ? head : head.slice(0, end);
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

async function* toBuffers(input: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    yield typeof chunk === 'string'
      ? Buffer.from(chunk)
      : Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk);
  }
}

function newlinesIn(field: string): number {
  let n = 0;
  for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Opens a CSV stream: checks the first 64 KB for binary data and encodings it cannot read, strips a
 * UTF-8 byte-order mark, picks the delimiter from the header line, then streams records with their
 * line numbers. Blank lines are skipped. Records keep their own field count (the caller reports
 * rows with too many or too few fields).
 */
export async function openCsv(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  options: { encoding?: CsvEncoding } = {},
): Promise<CsvSource> {
  const iterator = toBuffers(input)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < sniffBytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const first = Buffer.concat(head);
  if (
    first.length === 0 ||
    first.toString('latin1').trim() === '' ||
    first.equals(Buffer.from([0xef, 0xbb, 0xbf]))
  ) {
    throw new CsvFileError('the file is empty');
  }
  const binary = describeBinary(first.subarray(0, sniffBytes));
  if (binary) throw new CsvFileError(binary);
  const encoding = options.encoding ?? 'utf-8';
  if (encoding === 'utf-8') {
    const bad = firstInvalidUtf8(first);
    if (bad !== -1) {
      throw new CsvFileError(
        `the file is not UTF-8: byte 0x${defined(first[bad]).toString(16)} on line ${lineOfByte(first, bad)} looks like Latin-1/Windows-1252; save it as "CSV UTF-8" or import it with the latin1 encoding`,
        lineOfByte(first, bad),
      );
    }
  }

  let bytes = 0;
  async function* checked(): AsyncGenerator<Buffer> {
    const decoder =
      encoding === 'latin1' ? new TextDecoder('windows-1252') : new TextDecoder('utf-8', { fatal: true });
    const pass = (chunk: Buffer): Buffer => {
      const at = bytes;
      bytes += chunk.length;
      if (encoding === 'latin1') return Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        throw new CsvFileError(`the file is not valid UTF-8 after byte ${at.toLocaleString('en-US')}`);
      }
      return chunk;
    };
    for (const chunk of head) yield pass(chunk);
    if (!ended) {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield pass(next.value);
    }
  }

  const firstText = first.subarray(0, sniffBytes).toString('utf8');
  const delimiter = pickDelimiter(firstText.replace(/^\uFEFF/, ''));
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: 1024 * 1024,
  });
  // pipeline (not pipe): a failing input (a broken upload, bad bytes) must fail the parser's reader too.
  pipeline(Readable.from(checked()), parser, () => {});
  const records: AsyncIterator<string[]> = parser[Symbol.asyncIterator]();
  let line = 1;

  async function nextRecord(): Promise<CsvRow | null> {
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await records.next();
      } catch (error) {
        if (error instanceof CsvFileError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new CsvFileError(`the CSV cannot be read from line ${line} on: ${message}`, line);
      }
      if (next.done) return null;
      const fields = next.value;
      const start = line;
      line += 1;
      for (const field of fields) if (field.length > 0 && field.includes('\n')) line += newlinesIn(field);
      // A blank line parses as one empty field.
      if (fields.length === 1 && fields[0] === '') continue;
      return { line: start, fields };
    }
  }

  const header = await nextRecord();
  if (!header) throw new CsvFileError('the file is empty');
  const headers = header.fields.map((h) => h.trim());
  // Exports that end every line with a delimiter have trailing empty column names.
  while (headers.length > 1 && headers[headers.length - 1] === '') headers.pop();
  const seen = new Set<string>();
  for (const h of headers) {
    if (h === '') throw new CsvFileError('the header row has an empty column name', header.line);
    if (seen.has(h)) throw new CsvFileError(`the header row names the column "${h}" twice`, header.line);
    seen.add(h);
  }

  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for (let row = await nextRecord(); row; row = await nextRecord()) yield row;
    } finally {
      parser.destroy();
    }
  }

  return { headers, delimiter, rows: rows(), bytesRead: () => bytes, close: () => parser.destroy() };
}

/** Lets other requests run: long CPU work (parsing, mapping) goes in slices with this between them. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

export interface ChunkRecords {
  /** The complete records, blank lines left out. */
  records: CsvRow[];
  /** The input's bytes those records cover; what follows is a record the input's end cut off. */
  consumed: number;
  /** The file line the first byte after `consumed` is on. */
  nextLine: number;
}

/**
 * Parses one chunk of a chunked import (the previous chunk's unfinished record, then this chunk's
 * bytes, as UTF-8) with the same parser and options as openCsv. Unless `final`, the record the end
 * cuts off is left unconsumed for the next chunk. Fed in slices that yield between them.
 */
export async function parseChunk(
  input: Buffer,
  options: { delimiter: string; final: boolean; firstLine: number; sliceBytes?: number },
): Promise<ChunkRecords> {
  const parser = parse({
    bom: true,
    delimiter: options.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: 1024 * 1024,
    info: true,
  });
  const records: CsvRow[] = [];
  let line = options.firstLine;
  let consumed = 0;
  let failure: unknown = null;
  parser.on('data', ({ record, info }: { record: string[]; info: { bytes: number } }) => {
    const start = line;
    line += 1;
    for (const field of record) if (field.length > 0 && field.includes('\n')) line += newlinesIn(field);
    consumed = info.bytes;
    if (!(record.length === 1 && record[0] === '')) records.push({ line: start, fields: record });
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  const slice = options.sliceBytes ?? 256 * 1024;
  for (let at = 0; at < input.length && !failure; at += slice) {
    parser.write(input.subarray(at, at + slice));
    await yieldToEventLoop();
  }
  if (options.final && !failure) {
    await new Promise<void>((resolve) => {
      parser.once('end', resolve);
      parser.once('error', () => resolve());
      parser.end();
    });
    if (!failure) consumed = input.length;
  }
  parser.destroy();
  if (failure) {
    const message = failure instanceof Error ? failure.message : String(failure);
    throw new CsvFileError(`the CSV cannot be read from line ${line} on: ${message}`, line);
  }
  return { records, consumed, nextLine: line };
}
