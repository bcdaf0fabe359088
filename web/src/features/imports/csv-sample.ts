/**
 * The first rows of the chosen file, read in the browser from the same bytes the preview sends:
 * the raw values shown next to each column, the distinct values a status column takes, and an
 * estimate of the file's row count for the progress bar. The server stays the judge of validity.
 */
export interface CsvSample {
  headers: string[];
  rows: string[][];
  /** The whole file was read (it is smaller than the preview slice). */
  complete: boolean;
  /** Data rows in the whole file: exact when `complete`, else extrapolated from the bytes. */
  estimatedRows: number;
}

const maxRows = 5_000;

/** Splits CSV text into records (RFC 4180 quoting, CRLF or LF); blank lines are skipped. */
export function parseCsv(text: string, delimiter: string, limit = Number.POSITIVE_INFINITY): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    field = '';
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  for (; i < text.length && records.length < limit; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n') endRecord();
    else if (c !== '\r') field += c;
  }
  if (records.length < limit && (field !== '' || record.length > 0)) endRecord();
  return records;
}

export async function readSample(
  head: Blob,
  fileSize: number,
  delimiter: string,
  encoding: 'utf-8' | 'latin1' = 'utf-8',
): Promise<CsvSample> {
  const bytes = await head.arrayBuffer();
  const text = new TextDecoder(encoding === 'latin1' ? 'windows-1252' : 'utf-8').decode(bytes);
  const complete = head.size >= fileSize;
  const records = parseCsv(text, delimiter);
  const [headers = [], ...data] = records;
  // A slice usually ends inside a record: the last one is left out.
  const whole = complete ? data : data.slice(0, -1);
  const estimatedRows = complete ? whole.length : roughly((whole.length * fileSize) / Math.max(1, head.size));
  return {
    headers: headers.map((h) => h.trim()),
    rows: whole.slice(0, maxRows),
    complete,
    estimatedRows,
  };
}

/** An estimate to two significant digits: 152,196 → 150,000; 9,186 → 9,200. */
function roughly(n: number): number {
  if (n < 100) return Math.round(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / step) * step;
}

export interface ColumnValues {
  /** The first distinct non-empty values, in file order. */
  examples: string[];
  /** Distinct values (trimmed) with how many sampled rows carry each, most common first. */
  distinct: { value: string; count: number }[];
  /** More distinct values than listed. */
  more: boolean;
  /** Sampled rows where the column is empty. */
  empty: number;
}

const maxDistinct = 40;

/** What a column holds in the sampled rows. */
export function columnValues(sample: CsvSample, column: string): ColumnValues | null {
  const index = sample.headers.findIndex((h) => h.toLowerCase() === column.trim().toLowerCase());
  if (index === -1) return null;
  const counts = new Map<string, number>();
  const examples: string[] = [];
  let empty = 0;
  for (const row of sample.rows) {
    const value = (row[index] ?? '').trim();
    if (value === '') {
      empty++;
      continue;
    }
    const seen = counts.get(value);
    counts.set(value, (seen ?? 0) + 1);
    if (seen === undefined && examples.length < 3) examples.push(value);
  }
  const distinct = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { examples, distinct: distinct.slice(0, maxDistinct), more: distinct.length > maxDistinct, empty };
}
