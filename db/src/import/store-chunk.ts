import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../client';
import { defined } from '../defined';
import type { ImportError, ImportUpload } from '../schema/imports';
import { ImportNotFoundError, type ImportRow, importRow } from './chunked-import';
import {
  type CsvEncoding,
  CsvFileError,
  firstInvalidUtf8,
  lineOfByte,
  parseChunk,
  yieldToEventLoop,
} from './csv-source';
import type { RowProblem } from './lead-fields';
import { compileMapping, type MappingSpec } from './map-row';
import { tally } from './tally';
import { type WriteRow, writeBatch } from './write-batch';

const batchRows = 5_000;
const maxStoredErrors = 1_000;
/** An unfinished record carried to the next chunk may not grow past the parser's record limit. */
const maxTailBytes = 1024 * 1024;
/** Problems a chunk's answer lists (all are counted and the import keeps up to 1,000). */
const answerProblems = 100;

/** What one chunk did: the answer it got, and the one a repeat of it gets. */
export interface ChunkResult {
  importId: number;
  chunk: number;
  bytes: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** This chunk's problems (at most 100 listed; the import keeps up to 1,000). */
  problems: ImportError[];
  nextChunk: number | null;
  committedBytes: number;
  size: number;
  status: 'running' | 'completed';
}

/** A chunk that cannot be taken now (out of order, other bytes under a stored number, a finished import). */
export class ChunkConflictError extends Error {
  constructor(
    message: string,
    readonly nextChunk: number | null,
  ) {
    super(message);
  }
}

/** A chunk that is not what the import expects (its size); nothing is recorded. */
export class ChunkInputError extends Error {}

/** The file itself cannot be read at this chunk: the import is marked failed with the reason. */
export class ChunkFileError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function toUtf8(bytes: Buffer, encoding: CsvEncoding): Buffer {
  return encoding === 'latin1' ? Buffer.from(new TextDecoder('windows-1252').decode(bytes), 'utf8') : bytes;
}

/**
 * Stores chunk `n` of a chunked import in one transaction: its rows (with the previous chunk's
 * unfinished record before them) written, its result and its own unfinished record kept, the
 * import's counts moved on, and the import completed with its last chunk. A chunk already stored
 * with the same bytes changes nothing and gets the answer it got the first time (`replayed`).
 */
export async function storeChunk(
  db: Database,
  id: number,
  n: number,
  body: Buffer,
): Promise<{ result: ChunkResult; replayed: boolean }> {
  const known = await importRow(db, id, false);
  if (!known) throw new ImportNotFoundError(`no import ${id}`);
  const upload = known.upload;
  if (!upload) {
    throw new ChunkConflictError(
      `import ${id} was not sent in chunks (start one with POST /api/imports/uploads)`,
      null,
    );
  }
  if (n >= upload.chunkCount) {
    throw new ChunkInputError(
      `import ${id} has ${upload.chunkCount} chunks (0 to ${upload.chunkCount - 1}); there is no chunk ${n}`,
    );
  }
  const expected = Math.min(upload.chunkBytes, upload.size - n * upload.chunkBytes);
  if (body.length !== expected) {
    throw new ChunkInputError(
      `chunk ${n} of import ${id} must hold bytes ${n * upload.chunkBytes}–${n * upload.chunkBytes + expected - 1} of the file (${expected} bytes); ${body.length} were sent`,
    );
  }
  const hash = sha256(body);
  try {
    return await db.transaction(async (txn) => {
      const tx = txn as unknown as Database;
      const row = defined(await importRow(tx, id, true));
      const state = defined(row.upload);
      const [stored] = await selectRows<{ sha256: string; result: ChunkResult }>(
        tx,
        sql`select sha256, result from import_chunks where import_id = ${id} and n = ${n}`,
      );
      if (stored) {
        if (stored.sha256 !== hash) {
          throw new ChunkConflictError(
            `chunk ${n} of import ${id} is already stored with other bytes: a chunk number is sent with the same bytes every time`,
            state.nextChunk < state.chunkCount ? state.nextChunk : null,
          );
        }
        return { result: stored.result, replayed: true };
      }
      if (row.status !== 'running') {
        throw new ChunkConflictError(`import ${id} is ${row.status}: it takes no more chunks`, null);
      }
      if (n !== state.nextChunk) {
        throw new ChunkConflictError(
          `chunks are stored in order: import ${id} takes chunk ${state.nextChunk} next, not ${n}`,
          state.nextChunk,
        );
      }
      const result = await writeChunk(tx, row, state, n, body, hash);
      return { result, replayed: false };
    });
  } catch (error) {
    if (error instanceof ChunkFileError) await failImport(db, id, error);
    throw error;
  }
}

async function failImport(db: Database, id: number, error: ChunkFileError) {
  const problem = JSON.stringify([{ line: error.line, column: null, message: error.message }]);
  await db.execute(
    sql`update imports set status = 'failed', finished_at = now(), errors = errors || ${problem}::jsonb
      where id = ${id} and status = 'running'`,
  );
}

/** Every id is a candidate: earlier chunks may have been written by another instance. */
const askTheDatabase = { add: () => {}, mayHave: () => true };

async function writeChunk(
  tx: Database,
  row: ImportRow,
  state: ImportUpload,
  n: number,
  body: Buffer,
  hash: string,
): Promise<ChunkResult> {
  const id = row.id;
  const final = n === state.chunkCount - 1;
  const [previousRow] =
    n === 0
      ? [{ tail: new Uint8Array(0), next_line: 1 }]
      : await selectRows<{ tail: string; next_line: number }>(
          tx,
          sql`select encode(tail, 'hex') as tail, next_line from import_chunks where import_id = ${id} and n = ${n - 1}`,
        );
  const previous = defined(previousRow);
  const tail =
    typeof previous.tail === 'string' ? Buffer.from(previous.tail, 'hex') : Buffer.from(previous.tail);
  const firstLine = Number(previous.next_line);
  const input = Buffer.concat([tail, toUtf8(body, state.encoding)]);
  if (state.encoding === 'utf-8') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(input, { stream: !final });
    } catch {
      const at = firstInvalidUtf8(input);
      const line = firstLine + lineOfByte(input, at) - 1;
      throw new ChunkFileError(
        `the file is not valid UTF-8 on line ${line}: save it as "CSV UTF-8" or import it with the latin1 encoding`,
        line,
      );
    }
  }
  let parsed: Awaited<ReturnType<typeof parseChunk>>;
  try {
    parsed = await parseChunk(input, { delimiter: state.delimiter, final, firstLine });
  } catch (error) {
    if (error instanceof CsvFileError) throw new ChunkFileError(error.message, error.line);
    throw error;
  }
  const rest = input.subarray(parsed.consumed);
  if (rest.length > maxTailBytes) {
    throw new ChunkFileError(
      `the record starting on line ${parsed.nextLine} runs past 1 MB (a quote that is never closed?)`,
      parsed.nextLine,
    );
  }
  // The header is the file's first record: the import already has it.
  const records = state.headerSeen ? parsed.records : parsed.records.slice(1);
  const headerSeen = state.headerSeen || parsed.records.length > 0;

  const spec = state.spec as MappingSpec;
  const compiled = compileMapping(state.headers, spec, null, row.mode);
  const idColumn = compiled.columns.externalId ?? null;
  const sourceCache = new Map<string, number>();
  let current = {
    read: row.read,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: state.unchanged,
    rejected: row.rejected,
    errors: row.errors.filter((e) => !(e.line === 0 && /more problems are not listed/.test(e.message))),
    errorCount: state.errorCount,
  };
  const chunkProblems: ImportError[] = [];
  let stored: ImportError[] = row.errors;
  const totals = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (let at = 0; at < records.length; at += batchRows) {
    const batch = records.slice(at, at + batchRows);
    const rows: WriteRow[] = [];
    const problems: RowProblem[] = [];
    const rejectedLines = new Set<number>();
    for (const { fields, line } of batch) {
      const mapped = compiled.mapRow(fields, line);
      if ('lead' in mapped) rows.push({ line, lead: mapped.lead });
      else {
        rejectedLines.add(line);
        problems.push(...mapped.problems);
      }
    }
    const result = await writeBatch(tx, rows, {
      originSystem: state.originSystem,
      mode: row.mode,
      importId: id,
      sourceCache,
      seenIds: askTheDatabase,
    });
    const next = tally(
      current,
      batch.length,
      rejectedLines.size,
      problems,
      result,
      idColumn,
      maxStoredErrors,
    );
    totals.read += batch.length;
    totals.inserted += result.inserted;
    totals.updated += result.updated;
    totals.unchanged += result.unchanged;
    totals.rejected += next.rejected - current.rejected;
    for (const p of next.errors.slice(current.errors.length)) {
      if (chunkProblems.length < answerProblems) chunkProblems.push(p);
    }
    current = next;
    stored = next.stored;
    await yieldToEventLoop();
  }

  const nextChunk = n + 1;
  const committedBytes = state.committedBytes + body.length;
  const result: ChunkResult = {
    importId: id,
    chunk: n,
    bytes: body.length,
    ...totals,
    problems: chunkProblems,
    nextChunk: final ? null : nextChunk,
    committedBytes,
    size: state.size,
    status: final ? 'completed' : 'running',
  };
  await tx.execute(
    sql`insert into import_chunks (import_id, n, bytes, sha256, tail, next_line, result)
      values (${id}, ${n}, ${body.length}, ${hash}, decode(${rest.toString('hex')}, 'hex'), ${parsed.nextLine},
        ${JSON.stringify(result)}::jsonb)`,
  );
  const nextState: ImportUpload = {
    ...state,
    nextChunk,
    committedBytes,
    headerSeen,
    unchanged: current.unchanged,
    errorCount: current.errorCount,
  };
  await tx.execute(
    sql`update imports set read = ${current.read}, inserted = ${current.inserted}, updated = ${current.updated},
        rejected = ${current.rejected}, errors = ${JSON.stringify(stored)}::jsonb,
        upload = ${JSON.stringify(nextState)}::jsonb
        ${final ? sql`, status = 'completed', finished_at = now()` : sql``}
      where id = ${id}`,
  );
  return result;
}
