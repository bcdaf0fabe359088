import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Database } from '@salesready/db/client';
import {
  ChunkConflictError,
  ChunkFileError,
  ChunkInputError,
  cancelChunkedImport,
  chunkedImportState,
  createChunkedImport,
  headBytes,
  ImportNotFoundError,
  maxChunkBytes,
  minChunkBytes,
  resumableImports,
  storeChunk,
} from '@salesready/db/import/chunked-import';
import { CsvFileError } from '@salesready/db/import/csv-source';
import { getImport, listImports } from '@salesready/db/import/import-history';
import { leadFields } from '@salesready/db/import/lead-fields';
import { MappingError } from '@salesready/db/import/map-row';
import { assertTimeZone } from '@salesready/db/import/parse-date';
import { presets } from '@salesready/db/import/presets';
import { previewImport } from '@salesready/db/import/preview';
import { ImportOptionsError, type ImportReport, runImport } from '@salesready/db/import/run-import';
import { settings } from '@salesready/db/schema/index';
import Busboy from 'busboy';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit';
import type { AppEnv } from '../context';
import { AppError, type ErrorDetail } from '../errors';
import { responds } from '../middleware/responds';
import { validate } from '../middleware/validate';
import { rowId } from '../params';
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

/** The largest upload a preview reads (it keeps only the first 2 MB). */
export const maxImportBytes = 2 * 1024 ** 3;
/**
 * The largest CSV `POST /api/imports` takes in one request (it answers once the import is done);
 * larger files go in chunks (docs/decisions/0019): a serverless platform caps a request body at a few MB.
 */
export const singleRequestImportBytes = 4 * 1024 * 1024;
/**
 * The chunk size the server proposes: on PGlite (one connection) a chunk's transaction holds every
 * other request, so chunks stay small enough for reads to keep answering (BENCHMARKS.md).
 */
export const proposedChunkBytes = (driver: string) => (driver === 'pglite' ? 48 * 1024 : 1024 * 1024);
const chunkedEndpoints =
  'send larger files in chunks: POST /api/imports/uploads, then PUT /api/imports/{id}/chunks/{n}';
/** A preview reads only this much of the file. */
const previewBytes = 2 * 1024 * 1024;

interface Upload {
  path: string | null;
  size: number;
  fileName: string;
  fields: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** Upload folders carry the server's process id, so a later start removes only a stopped server's. */
export const uploadDirPrefix = () => `salesready-import-${process.pid}-`;

const formatBytes = (n: number) =>
  n >= 1024 ** 3 ? `${n / 1024 ** 3} GB` : `${Math.round(n / 1024 ** 2)} MB`;

/**
 * Streams a multipart upload's `file` part to a temporary file (keeping at most `keepBytes` of it
 * when given) and collects the other fields. Over `maxBytes` → 413 naming the limit.
 */
async function receiveUpload(request: Request, maxBytes: number, keepBytes?: number): Promise<Upload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType) || !request.body) {
    throw new AppError('bad_request', 'send the CSV as multipart/form-data with a "file" field', [
      { path: 'file', message: 'missing' },
    ]);
  }
  const tooLarge = () =>
    new AppError(
      'payload_too_large',
      `the file is over the import limit of ${formatBytes(maxBytes)} for one request; ${chunkedEndpoints}`,
    );
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (!keepBytes && declared > maxBytes + 1024 * 1024) throw tooLarge();

  const dir = await mkdtemp(join(tmpdir(), uploadDirPrefix()));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    return await new Promise<Upload>((resolve, reject) => {
      const fields: Record<string, string> = {};
      let fileName = 'upload.csv';
      let path: string | null = null;
      let size = 0;
      let over = false;
      let fileDone: Promise<void> = Promise.resolve();
      const busboy = Busboy({
        headers: { 'content-type': contentType },
        limits: {
          fileSize: maxBytes,
          files: 1,
          fields: 30,
          fieldSize: 1024 * 1024,
        },
      });
      busboy.on('field', (name, value) => {
        fields[name] = value;
      });
      busboy.on('file', (name, file, info) => {
        if (name !== 'file' || path) {
          file.resume();
          return;
        }
        fileName = info.filename || fileName;
        path = join(dir, 'upload.csv');
        const out = createWriteStream(path);
        fileDone = new Promise<void>((done, fail) => {
          out.on('finish', done);
          out.on('error', fail);
        });
        let kept = 0;
        file.on('data', (chunk: Buffer) => {
          if (over) return;
          size += chunk.length;
          if (keepBytes !== undefined) {
            if (kept >= keepBytes) return;
            chunk = chunk.subarray(0, keepBytes - kept);
            kept += chunk.length;
          }
          if (!out.write(chunk)) {
            file.pause();
            out.once('drain', () => file.resume());
          }
        });
        // Over the limit: answer 413 now and read no more of the body (a chunked upload may never end).
        file.on('limit', () => {
          over = true;
          body.unpipe(busboy);
          file.resume();
          fileDone.catch(() => {});
          out.destroy();
          reject(tooLarge());
        });
        file.on('end', () => out.end());
      });
      busboy.on('error', (error: Error) =>
        reject(new AppError('bad_request', `the upload is malformed: ${error.message}`)),
      );
      busboy.on('close', () => {
        fileDone.then(() => {
          if (over) reject(tooLarge());
          else resolve({ path, size, fileName, fields, cleanup });
        }, reject);
      });
      const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
      body.on('error', (error) =>
        reject(new AppError('bad_request', `the upload broke off: ${error.message}`)),
      );
      body.pipe(busboy);
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** A request body's bytes, counted as read: past `maxBytes` the reading stops with a 413. */
async function readBytesWithin(request: Request, maxBytes: number, tooLarge: string): Promise<Buffer> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) {
    throw new AppError('payload_too_large', tooLarge);
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError('payload_too_large', tooLarge);
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/**
 * A small multipart form read in memory (no temporary file: this runs on every runtime): its text
 * fields and the first `keepBytes` of its `file` part.
 */
async function readSmallForm(
  request: Request,
  maxBytes: number,
  keepBytes: number,
): Promise<{ fields: Record<string, string>; file: Buffer | null; fileName: string }> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw new AppError('bad_request', 'send the form as multipart/form-data with a "file" field', [
      { path: 'file', message: 'missing' },
    ]);
  }
  const body = await readBytesWithin(
    request,
    maxBytes,
    `the form is over ${formatBytes(maxBytes)}: send only the file's first 1 MB here, and the file itself in chunks`,
  );
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw new AppError('bad_request', `the form is malformed: ${(error as Error).message}`);
  }
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  let fileName = 'upload.csv';
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else if (name === 'file' && !file) {
      file = Buffer.from(await value.slice(0, keepBytes).arrayBuffer());
      fileName = value.name || fileName;
    }
  }
  return { fields, file, fileName };
}

const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const fieldEnum = z.enum(leadFields);
const importForm = z.object({
  mapping: json(z.partialRecord(fieldEnum, z.string().trim().min(1))).optional(),
  preset: z.enum(presets.map((p) => p.name) as [string, ...string[]]).optional(),
  mode: z.enum(['upsert', 'update']).optional(),
  values: json(z.record(z.string(), z.record(z.string(), z.string()))).optional(),
  constants: json(z.partialRecord(fieldEnum, z.string())).optional(),
  timezone: z
    .string()
    .refine((zone) => {
      try {
        assertTimeZone(zone);
        return true;
      } catch {
        return false;
      }
    }, 'is not a known IANA time zone (such as Europe/Paris)')
    .optional(),
  dateOrder: z.enum(['mdy', 'dmy']).optional(),
  originSystem: z.string().trim().min(1).max(50).optional(),
  encoding: z.enum(['utf-8', 'latin1']).optional(),
  /** Kept for older clients and ignored: the request always waits for its import. */
  wait: z.enum(['true', 'false']).optional(),
});
const uploadForm = importForm.extend({
  size: z.coerce.number().int().min(1, 'the file is empty').max(Number.MAX_SAFE_INTEGER),
  chunkBytes: z.coerce.number().int().min(minChunkBytes).max(maxChunkBytes).optional(),
  fingerprint: z.string().max(500).optional(),
});
type ImportForm = z.infer<typeof importForm>;

function parseForm(fields: Record<string, string>): ImportForm;
function parseForm(fields: Record<string, string>, schema: typeof uploadForm): z.infer<typeof uploadForm>;
function parseForm(fields: Record<string, string>, schema: z.ZodType = importForm) {
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.') || 'form', message: i.message }));
  throw new AppError(
    'bad_request',
    `invalid form: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}

async function defaultTimezone(db: Database): Promise<string> {
  const [row] = await db.select({ timezone: settings.timezone }).from(settings);
  return row?.timezone ?? 'UTC';
}

function failedImport(report: ImportReport): AppError {
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
      if (error instanceof ImportOptionsError) throw new AppError('bad_request', error.message);
      if (error instanceof MappingError) {
        throw new AppError(
          'bad_request',
          error.message,
          error.problems.map((p) => ({ path: p.column ?? 'mapping', message: p.message })),
        );
      }
      if (error instanceof CsvFileError) {
        throw new AppError('bad_request', error.message, [{ path: 'file', message: error.message }]);
      }
      throw error;
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
        if (error instanceof ImportNotFoundError) throw new AppError('not_found', error.message);
        if (error instanceof ChunkInputError) {
          throw new AppError('bad_request', error.message, [{ path: 'body', message: error.message }]);
        }
        if (error instanceof ChunkConflictError) {
          throw new AppError(
            'conflict',
            error.message,
            error.nextChunk === null ? undefined : [{ path: 'n', message: `send chunk ${error.nextChunk}` }],
          );
        }
        if (error instanceof ChunkFileError) {
          throw new AppError('bad_request', `import ${id} failed: ${error.message}`, [
            { path: `line ${error.line}`, message: error.message },
          ]);
        }
        throw error;
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
