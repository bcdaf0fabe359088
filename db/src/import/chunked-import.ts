import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { defined } from '../defined';
import { type ImportError, type ImportUpload, imports } from '../schema/imports';
import { type CsvEncoding, CsvFileError, type CsvRow, openCsv } from './csv-source';
import { checkOptions, prepareMapping } from './import-options';
import type { LeadField } from './lead-fields';
import { compileMapping, decidedDateOrders, type MappingSpec } from './map-row';
import type { DateOrder } from './parse-date';

/** The most a chunk may hold: below the request-body caps of serverless platforms (docs/decisions/0019). */
export const maxChunkBytes = 4 * 1024 * 1024;
export const minChunkBytes = 1024;
/** The head a chunked import is set up from (its header and first rows fix the mapping). */
export const headBytes = 1024 * 1024;
const sampleRows = 5_000;

export interface ChunkedImportOptions {
  fileName: string;
  /** The whole file's size in bytes. */
  size: number;
  /** The file's first bytes (up to 1 MB, or all of it): its header and first rows fix the mapping. */
  head: Buffer;
  chunkBytes: number;
  fingerprint?: string | null;
  mapping?: Partial<Record<LeadField, string>>;
  preset?: string;
  mode?: 'upsert' | 'update';
  values?: Record<string, Record<string, string>>;
  constants?: Partial<Record<LeadField, string>>;
  timezone?: string;
  dateOrder?: DateOrder;
  originSystem?: string;
  encoding?: CsvEncoding;
  userId?: number | null;
}

export interface ChunkedImport {
  id: number;
  status: 'running' | 'completed' | 'failed' | 'interrupted';
  fileName: string;
  mode: 'upsert' | 'update';
  preset: string | null;
  size: number;
  chunkBytes: number;
  chunkCount: number;
  /** The chunk to send next (chunks are stored in order), null once every chunk is in. */
  nextChunk: number | null;
  committedBytes: number;
  fingerprint: string | null;
  /** The hash of chunk 0 as stored (to check that a file chosen again is the same one), if stored. */
  firstChunkSha256: string | null;
}

export class ImportNotFoundError extends Error {}

/** The first rows of a head that may end mid-record: its cut-off last record is not one of them. */
async function sampleOf(head: Buffer, whole: boolean, encoding: CsvEncoding) {
  const source = await openCsv(
    (async function* () {
      yield head;
    })(),
    { encoding },
  );
  const rows: CsvRow[] = [];
  try {
    for await (const row of source.rows) {
      rows.push(row);
      if (rows.length > sampleRows) break;
    }
  } catch (error) {
    // A head cut inside a quoted field ends in an unclosed quote: the rows before it are the sample.
    if (whole || rows.length === 0) throw error;
  } finally {
    source.close();
  }
  if (!whole) rows.pop();
  return { headers: source.headers, delimiter: source.delimiter, rows: rows.slice(0, sampleRows) };
}

/**
 * Sets up an import sent in chunks: checks the options, reads the header and first rows from the
 * head, compiles the mapping (each date column's order fixed from those rows) and records it all on
 * the import's row. Throws ImportOptionsError, CsvFileError or MappingError, recording nothing.
 */
export async function createChunkedImport(
  db: Database,
  options: ChunkedImportOptions,
): Promise<ChunkedImport> {
  if (options.size <= 0) throw new CsvFileError('the file is empty');
  const chunkBytes = Math.min(maxChunkBytes, Math.max(minChunkBytes, Math.floor(options.chunkBytes)));
  const encoding = options.encoding ?? 'utf-8';
  const { preset, timezone } = await checkOptions(db, options);
  const whole = options.head.length >= options.size;
  const sample = await sampleOf(options.head, whole, encoding);
  const prepared = prepareMapping(sample.headers, options, preset, timezone);
  const compiled = compileMapping(
    sample.headers,
    prepared.spec,
    sample.rows.map((r) => r.fields),
    prepared.mode,
  );
  const spec: MappingSpec = { ...prepared.spec, dateOrders: decidedDateOrders(compiled) };
  const upload: ImportUpload = {
    size: options.size,
    chunkBytes,
    chunkCount: Math.ceil(options.size / chunkBytes),
    nextChunk: 0,
    committedBytes: 0,
    fingerprint: options.fingerprint ?? null,
    encoding,
    headers: sample.headers,
    delimiter: sample.delimiter,
    spec,
    originSystem: prepared.originSystem,
    unchanged: 0,
    errorCount: 0,
    headerSeen: false,
  };
  // As a streamed import records it: the request's options, then the mapping as compiled.
  const request = {
    dateOrder: options.dateOrder ?? null,
    ...spec,
    preset: prepared.preset,
    originSystem: prepared.originSystem,
  };
  const [created] = await db
    .insert(imports)
    .values({
      fileName: options.fileName,
      mapping: request,
      mode: prepared.mode,
      userId: options.userId ?? null,
      upload,
    })
    .returning({ id: imports.id });
  const id = defined(created).id;
  return stateOf(id, 'running', options.fileName, prepared.mode, prepared.preset, upload, null);
}

function stateOf(
  id: number,
  status: ChunkedImport['status'],
  fileName: string,
  mode: 'upsert' | 'update',
  preset: string | null,
  upload: ImportUpload,
  firstChunkSha256: string | null,
): ChunkedImport {
  return {
    id,
    status,
    fileName,
    mode,
    preset,
    size: upload.size,
    chunkBytes: upload.chunkBytes,
    chunkCount: upload.chunkCount,
    nextChunk: upload.nextChunk < upload.chunkCount ? upload.nextChunk : null,
    committedBytes: upload.committedBytes,
    fingerprint: upload.fingerprint,
    firstChunkSha256,
  };
}

/** An import's row as a chunk reads it, with the hash of its stored chunk 0. */
export type ImportRow = {
  id: number;
  status: ChunkedImport['status'];
  file_name: string;
  mode: 'upsert' | 'update';
  mapping: { preset?: string | null };
  upload: ImportUpload | null;
  read: number;
  inserted: number;
  updated: number;
  rejected: number;
  errors: ImportError[];
  first_sha256: string | null;
};

export async function importRow(db: Database, id: number, lock: boolean): Promise<ImportRow | null> {
  const [row] = await selectRows<ImportRow>(
    db,
    sql`select i.id, i.status, i.file_name, i.mode, i.mapping, i.upload, i.read, i.inserted, i.updated,
        i.rejected, i.errors,
        (select c.sha256 from import_chunks c where c.import_id = i.id and c.n = 0) as first_sha256
      from imports i where i.id = ${id}${lock ? sql` for update of i` : sql``}`,
  );
  return row ? { ...row, id: Number(row.id) } : null;
}

/** A chunked import's state: which chunks are stored, and which to send next. */
export async function chunkedImportState(db: Database, id: number): Promise<ChunkedImport | null> {
  const row = await importRow(db, id, false);
  if (!row?.upload) return null;
  return stateOf(
    row.id,
    row.status,
    row.file_name,
    row.mode,
    row.mapping.preset ?? null,
    row.upload,
    row.first_sha256,
  );
}

/** Chunked imports of this file name and size that can still be finished, newest first. */
export async function resumableImports(
  db: Database,
  fileName: string,
  size: number,
): Promise<ChunkedImport[]> {
  const rows = await selectRows<{ id: number }>(
    db,
    sql`select id from imports where status = 'running' and upload is not null
      and file_name = ${fileName} and (upload->>'size')::bigint = ${size} order by id desc limit 5`,
  );
  const found: ChunkedImport[] = [];
  for (const { id } of rows) {
    const state = await chunkedImportState(db, Number(id));
    if (state) found.push(state);
  }
  return found;
}

/** Stops a chunked import that will not be finished: it is kept as `interrupted`, its stored rows too. */
export async function cancelChunkedImport(db: Database, id: number): Promise<ChunkedImport> {
  const message = JSON.stringify([
    {
      line: 0,
      column: null,
      message: 'the upload was stopped before its end; the rows sent before are stored',
    },
  ]);
  await db.execute(
    sql`update imports set status = 'interrupted', finished_at = now(), errors = errors || ${message}::jsonb
      where id = ${id} and status = 'running' and upload is not null`,
  );
  const state = await chunkedImportState(db, id);
  if (!state) throw new ImportNotFoundError(`no chunked import ${id}`);
  return state;
}
