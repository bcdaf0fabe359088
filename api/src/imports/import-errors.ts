import { ImportNotFoundError } from '@salesready/db/import/chunked-import';
import { CsvFileError } from '@salesready/db/import/csv-source';
import { ImportOptionsError } from '@salesready/db/import/import-options';
import { MappingError } from '@salesready/db/import/map-row';
import type { ImportReport } from '@salesready/db/import/run-import';
import { ChunkConflictError, ChunkFileError, ChunkInputError } from '@salesready/db/import/store-chunk';
import { AppError, type ErrorDetail } from '../errors';

/** A failed import's answer: the first 50 of its errors, each where it was found. */
export function failedImport(report: ImportReport): AppError {
  const details: ErrorDetail[] = report.errors.slice(0, 50).map((e) => ({
    path: e.column ?? (e.line > 0 ? `line ${e.line}` : 'file'),
    message: e.line > 0 ? `line ${e.line}: ${e.message}` : e.message,
  }));
  // Nothing read: the file or the mapping is at fault. Otherwise the import broke off midway.
  return new AppError(
    report.read === 0 ? 'bad_request' : 'internal',
    `import ${report.id} failed: ${report.message}`,
    details,
  );
}

/** Setting up a chunked import: bad options, mapping or file head are the caller's 400. */
export function setupError(error: unknown): unknown {
  if (error instanceof ImportOptionsError) return new AppError('bad_request', error.message);
  if (error instanceof MappingError) {
    return new AppError(
      'bad_request',
      error.message,
      error.problems.map((p) => ({ path: p.column ?? 'mapping', message: p.message })),
    );
  }
  if (error instanceof CsvFileError) {
    return new AppError('bad_request', error.message, [{ path: 'file', message: error.message }]);
  }
  return error;
}

/** Storing chunk `n` of import `id`: which chunk to send instead, or where the file broke. */
export function chunkError(error: unknown, id: number): unknown {
  if (error instanceof ImportNotFoundError) return new AppError('not_found', error.message);
  if (error instanceof ChunkInputError) {
    return new AppError('bad_request', error.message, [{ path: 'body', message: error.message }]);
  }
  if (error instanceof ChunkConflictError) {
    return new AppError(
      'conflict',
      error.message,
      error.nextChunk === null ? undefined : [{ path: 'n', message: `send chunk ${error.nextChunk}` }],
    );
  }
  if (error instanceof ChunkFileError) {
    return new AppError('bad_request', `import ${id} failed: ${error.message}`, [
      { path: `line ${error.line}`, message: error.message },
    ]);
  }
  return error;
}
