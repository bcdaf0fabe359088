import { createReadStream } from 'node:fs';
import type { Database } from '@salesready/db/client';
import {
  cancelChunkedImport,
  chunkedImportState,
  createChunkedImport,
  headBytes,
  ImportNotFoundError,
  maxChunkBytes,
  resumableImports,
} from '@salesready/db/import/chunked-import';
import { CsvFileError } from '@salesready/db/import/csv-source';
import { getImport, listImports } from '@salesready/db/import/import-history';
import { ImportOptionsError } from '@salesready/db/import/import-options';
import { MappingError } from '@salesready/db/import/map-row';
import { presets } from '@salesready/db/import/presets';
import { previewImport } from '@salesready/db/import/preview';
import { runImport } from '@salesready/db/import/run-import';
import { storeChunk } from '@salesready/db/import/store-chunk';
import { settings } from '@salesready/db/schema/index';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { AppError } from '../errors';
import { chunkError, failedImport, setupError } from '../imports/import-errors';
import { parseForm, uploadForm } from '../imports/import-form';
import { receiveUpload } from '../imports/receive-upload';
import { readSmallForm } from '../imports/small-form';
import {
  formatBytes,
  maxImportBytes,
  previewBytes,
  proposedChunkBytes,
  singleRequestImportBytes,
} from '../imports/upload-limits';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId } from '../params';
import { readBytesWithin } from '../read-body';
import {
  importsAnswer,
  importsIdAnswer,
  importsIdChunksAnswer,
  importsPresetsAnswer,
  importsUploadsAnswer,
  postImportsAnswer,
  postImportsIdCancelAnswer,
  postImportsPreviewAnswer,
  postImportsUploadsAnswer,
  putImportsIdChunksNAnswer,
} from '../schemas/import-answers';

async function defaultTimezone(db: Database): Promise<string> {
  const [row] = await db.select({ timezone: settings.timezone }).from(settings);
  return row?.timezone ?? 'UTC';
}

/** CSV imports (admins): upload, preview, progress and history. */
export const importRoutes = new Hono<AppEnv>()
  .get(
    '/',
    responds(importsAnswer),
    validate('query', z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) })),
    async (c) => {
      return c.json({ imports: await listImports(c.var.deps.db, c.req.valid('query').limit) });
    },
  )
  .get('/presets', responds(importsPresetsAnswer), (c) =>
    c.json({
      presets: presets.map((p) => ({
        name: p.name,
        label: p.label,
        mode: p.mode,
        originSystem: p.originSystem,
      })),
    }),
  )
  // A chunked import (docs/decisions/0019): set up from the file's head, then one request per chunk.
  .post('/uploads', responds(postImportsUploadsAnswer, 201), async (c) => {
    const { db } = c.var.deps;
    const { fields, file, fileName } = await readSmallForm(c.req.raw, singleRequestImportBytes, headBytes);
    if (!file) {
      throw new AppError('bad_request', 'the form has no "file" (the first bytes of the CSV, up to 1 MB)', [
        { path: 'file', message: 'missing' },
      ]);
    }
    const form = parseForm(fields, uploadForm);
    try {
      const created = await createChunkedImport(db, {
        fileName: fields.fileName || fileName,
        size: form.size,
        head: file,
        chunkBytes: form.chunkBytes ?? proposedChunkBytes(c.var.deps.driver),
        fingerprint: form.fingerprint ?? null,
        mapping: form.mapping,
        preset: form.preset,
        mode: form.mode,
        values: form.values,
        constants: form.constants,
        timezone: form.timezone,
        dateOrder: form.dateOrder,
        originSystem: form.originSystem,
        encoding: form.encoding,
        userId: c.var.user.id,
      });
      await audit(db, c.var.user.id, 'import.start', created.fileName, {
        bytes: form.size,
        preset: created.preset,
        chunks: created.chunkCount,
      });
      return c.json(created, 201);
    } catch (error) {
      throw setupError(error);
    }
  })
  .get(
    '/uploads',
    responds(importsUploadsAnswer),
    validate(
      'query',
      z.object({
        fileName: z.string().min(1).max(500),
        size: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
      }),
    ),
    async (c) => {
      const { fileName, size } = c.req.valid('query');
      return c.json({ imports: await resumableImports(c.var.deps.db, fileName, size) });
    },
  )
  .get(
    '/:id/chunks',
    responds(importsIdChunksAnswer),
    validate('param', z.object({ id: rowId })),
    async (c) => {
      const { id } = c.req.valid('param');
      const state = await chunkedImportState(c.var.deps.db, id);
      if (!state) throw new AppError('not_found', `no chunked import ${id}`);
      return c.json(state);
    },
  )
  .put(
    '/:id/chunks/:n',
    responds(putImportsIdChunksNAnswer),
    validate(
      'param',
      z.object({
        id: rowId,
        n: z.coerce
          .number()
          .int('must be a whole number')
          .min(0, 'chunks are numbered from 0')
          .max(2_147_483_647),
      }),
    ),
    async (c) => {
      const { id, n } = c.req.valid('param');
      const body = await readBytesWithin(
        c.req.raw,
        maxChunkBytes,
        `a chunk holds at most ${formatBytes(maxChunkBytes)}`,
      );
      try {
        const { result, replayed } = await storeChunk(c.var.deps.db, id, n, body);
        c.header('x-chunk-replayed', String(replayed));
        return c.json(result, 200);
      } catch (error) {
        throw chunkError(error, id);
      }
    },
  )
  .post(
    '/:id/cancel',
    responds(postImportsIdCancelAnswer),
    validate('param', z.object({ id: rowId })),
    async (c) => {
      const { id } = c.req.valid('param');
      try {
        return c.json(await cancelChunkedImport(c.var.deps.db, id));
      } catch (error) {
        if (error instanceof ImportNotFoundError) throw new AppError('not_found', error.message);
        throw error;
      }
    },
  )
  .get('/:id', responds(importsIdAnswer), validate('param', z.object({ id: rowId })), async (c) => {
    const { id } = c.req.valid('param');
    const row = await getImport(c.var.deps.db, id);
    if (!row) throw new AppError('not_found', `no import ${id}`);
    return c.json(row);
  })
  .post('/preview', responds(postImportsPreviewAnswer), async (c) => {
    const upload = await receiveUpload(c.req.raw, c.var.deps.maxImportBytes ?? maxImportBytes, previewBytes);
    try {
      if (!upload.path)
        throw new AppError('bad_request', 'the form has no "file"', [{ path: 'file', message: 'missing' }]);
      const form = parseForm(upload.fields);
      const preview = await previewImport({
        stream: createReadStream(upload.path),
        mapping: form.mapping,
        preset: form.preset,
        mode: form.mode,
        values: form.values,
        constants: form.constants,
        timezone: form.timezone ?? (await defaultTimezone(c.var.deps.db)),
        dateOrder: form.dateOrder,
        encoding: form.encoding,
      });
      return c.json({ fileName: upload.fileName, ...preview });
    } catch (error) {
      if (error instanceof CsvFileError || error instanceof MappingError) {
        throw new AppError('bad_request', error.message, [{ path: 'file', message: error.message }]);
      }
      throw error;
    } finally {
      await upload.cleanup();
    }
  })
  .post('/', responds(postImportsAnswer, 201), async (c) => {
    const { db } = c.var.deps;
    const upload = await receiveUpload(c.req.raw, c.var.deps.maxImportBytes ?? singleRequestImportBytes);
    try {
      if (!upload.path)
        throw new AppError('bad_request', 'the form has no "file"', [{ path: 'file', message: 'missing' }]);
      const form = parseForm(upload.fields);
      await audit(db, c.var.user.id, 'import.start', upload.fileName, {
        bytes: upload.size,
        preset: form.preset ?? null,
      });
      // The request waits for its import: nothing runs after the answer (a serverless platform would stop it).
      const report = await runImport(db, {
        path: upload.path,
        fileName: upload.fileName,
        mapping: form.mapping,
        preset: form.preset,
        mode: form.mode,
        values: form.values,
        constants: form.constants,
        timezone: form.timezone,
        dateOrder: form.dateOrder,
        originSystem: form.originSystem,
        encoding: form.encoding,
        userId: c.var.user.id,
      });
      if (report.status === 'failed') throw failedImport(report);
      return c.json(report, 201);
    } catch (error) {
      if (error instanceof ImportOptionsError) throw new AppError('bad_request', error.message);
      throw error;
    } finally {
      await upload.cleanup();
    }
  });
