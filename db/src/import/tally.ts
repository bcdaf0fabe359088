import type { ImportError } from '../schema/imports';
import type { RowProblem } from './lead-fields';
import type { WriteResult } from './write-batch';

/** An import's running counts and the problems it keeps. */
export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportError[];
  /** Every problem found, also those beyond the stored ones. */
  errorCount: number;
}

/** The run's counts and stored problems once a batch's write is in (applied only when it commits). */
export function tally(
  current: ImportCounts,
  read: number,
  rejectedRows: number,
  mapProblems: RowProblem[],
  result: WriteResult,
  idColumn: string | null,
  maxErrors: number,
) {
  const problems: RowProblem[] = [...mapProblems];
  for (const row of result.notFound) {
    problems.push({
      line: row.line,
      column: idColumn,
      message: `no lead has the id "${row.lead.externalId}" (update mode adds no leads)`,
    });
  }
  for (const row of result.repeated) {
    problems.push({
      line: row.line,
      column: idColumn,
      message: `the id "${row.lead.externalId}" is also on an earlier line: this later row's values win`,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  const errors = [...current.errors];
  let errorCount = current.errorCount;
  for (const p of problems) {
    errorCount++;
    if (errors.length < maxErrors) errors.push(p);
  }
  const report = {
    read: current.read + read,
    inserted: current.inserted + result.inserted,
    updated: current.updated + result.updated,
    unchanged: current.unchanged + result.unchanged,
    rejected: current.rejected + rejectedRows + result.notFound.length,
    errors,
    errorCount,
  };
  const stored: ImportError[] =
    errorCount > errors.length
      ? [
          ...errors,
          {
            line: 0,
            column: null,
            message: `${(errorCount - errors.length).toLocaleString('en-US')} more problems are not listed (only the first ${maxErrors.toLocaleString('en-US')} are kept)`,
          },
        ]
      : errors;
  return { ...report, report, stored };
}
