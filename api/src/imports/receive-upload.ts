import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import Busboy from 'busboy';
import { AppError } from '../errors';
import { chunkedEndpoints, formatBytes } from './upload-limits';

export interface Upload {
  path: string | null;
  size: number;
  fileName: string;
  fields: Record<string, string>;
  cleanup: () => Promise<void>;
}

/** Upload folders carry the server's process id, so a later start removes only a stopped server's. */
export const uploadDirPrefix = () => `salesready-import-${process.pid}-`;

/**
 * Streams a multipart upload's `file` part to a temporary file (keeping at most `keepBytes` of it
 * when given) and collects the other fields. Over `maxBytes` → 413 naming the limit.
 */
export async function receiveUpload(request: Request, maxBytes: number, keepBytes?: number): Promise<Upload> {
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
