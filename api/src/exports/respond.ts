import { PassThrough, Readable } from 'node:stream';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import { csvChunks } from './csv';
import { type ExportTable, exportFileName } from './table';
import { writeXlsx } from './xlsx';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

function csvStream(table: ExportTable, about: boolean): ReadableStream<Uint8Array> {
  const chunks = csvChunks(table, about);
  const encoder = new TextEncoder();
  // Pulled: the next batch of rows is read only when the client has taken the previous one.
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

function xlsxStream(table: ExportTable, requestId: string): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  writeXlsx(table, out).catch((error: Error) => {
    if (!out.destroyed) console.error(`[${requestId}] xlsx export failed:`, error);
    out.destroy(error);
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/**
 * The file as a streamed download. Queries that can fail have run before this (the table's rows
 * may still be a lazy batch reader), so a bad request is an error envelope, not a broken file.
 */
export function exportResponse(
  c: Context<AppEnv>,
  table: ExportTable,
  format: ExportFormat,
  about: boolean,
): Response {
  const body = format === 'csv' ? csvStream(table, about) : xlsxStream(table, c.var.requestId);
  return c.body(body, 200, {
    'content-type': contentTypes[format],
    'content-disposition': `attachment; filename="${exportFileName(table, format)}"`,
    'cache-control': 'no-store',
  });
}
