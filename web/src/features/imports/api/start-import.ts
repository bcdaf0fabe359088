import type { InferResponseType } from 'hono/client';
import { ApiError, type api, sendForm } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { type ImportRequest, importForm } from './preview-import';

export type ImportReport = InferResponseType<typeof api.api.imports.$post, 201>;
export type ChunkedUpload = InferResponseType<typeof api.api.imports.uploads.$post, 201>;
type ChunkAnswer = InferResponseType<(typeof api.api.imports)[':id']['chunks'][':n']['$put'], 200>;

/** What the page shows while the file goes in: bytes stored by the server, and the rows so far. */
export interface UploadProgress {
  id: number;
  committedBytes: number;
  size: number;
  read: number;
  inserted: number;
  updated: number;
  rejected: number;
}

export interface StartImportInput {
  file: File;
  /** A new import's options; absent when resuming. */
  request?: ImportRequest;
  /** An unfinished import of the same file, to continue from its next chunk. */
  resume?: ChunkedUpload;
  onProgress?: (progress: UploadProgress) => void;
}

/** Identifies a file the user may choose again: name, size and modification time. */
export const fileFingerprint = (file: File) => `${file.name}:${file.size}:${file.lastModified}`;

/** The head the server sets a chunked import up from (header and first rows). */
const headBytes = 1024 * 1024;

async function readJson<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string; requestId?: string } })
    | null;
  if (res.ok) return body as T;
  throw new ApiError(
    res.status,
    body?.error?.code ?? (res.status >= 500 ? 'internal' : 'bad_request'),
    body?.error?.message ?? `the server answered ${res.status}`,
    body?.error?.requestId ?? res.headers.get('x-request-id'),
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one chunk, again after a dropped connection or a server error (a repeated chunk is
 * answered without being written twice); offline, it waits for the connection to come back.
 */
async function sendChunk(id: number, n: number, bytes: Blob): Promise<ChunkAnswer> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`/api/imports/${id}/chunks/${n}`, {
        method: 'PUT',
        body: bytes,
        headers: { 'content-type': 'application/octet-stream' },
        credentials: 'same-origin',
      });
      if (res.status < 500 || attempt >= 5) return await readJson<ChunkAnswer>(res);
    } catch (error) {
      if (attempt >= 5) {
        throw new ApiError(
          0,
          'network',
          'the connection dropped while sending the file; the parts sent are stored: choose the same file again to continue',
          null,
        );
      }
      if (!navigator.onLine) {
        await new Promise((resolve) => window.addEventListener('online', resolve, { once: true }));
      }
      void error;
    }
    await pause(400 * 2 ** attempt);
  }
}

/** Unfinished imports of this file on the server (same name, size and date), to resume. */
export async function findResumable(file: File): Promise<ChunkedUpload | null> {
  const query = new URLSearchParams({ fileName: file.name, size: String(file.size) });
  const res = await fetch(`/api/imports/uploads?${query}`, { credentials: 'same-origin' });
  const { imports } = await readJson<{ imports: ChunkedUpload[] }>(res);
  return imports.find((i) => i.fingerprint === fileFingerprint(file)) ?? null;
}

/** Stops an unfinished import the user chose not to resume (its stored rows stay). */
export async function cancelUpload(id: number): Promise<void> {
  await readJson(await fetch(`/api/imports/${id}/cancel`, { method: 'POST', credentials: 'same-origin' }));
}

/**
 * Sends the file as a chunked import (docs/decisions/0019): the server sets the import up from
 * the file's head, then takes one chunk per request, each stored in its own transaction. A dropped
 * connection is retried; a closed tab resumes when the same file is chosen again.
 */
export function useStartImport() {
  return useInvalidatingMutation({
    mutationFn: async ({ file, request, resume, onProgress }: StartImportInput) => {
      let upload = resume;
      if (!upload) {
        const form = importForm(file.slice(0, headBytes), file.name, request ?? {});
        form.set('size', String(file.size));
        form.set('fingerprint', fileFingerprint(file));
        upload = (await sendForm<ChunkedUpload>('/api/imports/uploads', form)).body;
      }
      const { id, chunkBytes, chunkCount, size } = upload;
      const progress: UploadProgress = {
        id,
        committedBytes: upload.committedBytes,
        size,
        read: 0,
        inserted: 0,
        updated: 0,
        rejected: 0,
      };
      onProgress?.({ ...progress });
      for (let n = upload.nextChunk; n !== null && n < chunkCount; ) {
        const answer = await sendChunk(id, n, file.slice(n * chunkBytes, (n + 1) * chunkBytes));
        progress.committedBytes = answer.committedBytes;
        progress.read += answer.read;
        progress.inserted += answer.inserted;
        progress.updated += answer.updated;
        progress.rejected += answer.rejected;
        onProgress?.({ ...progress });
        n = answer.nextChunk;
      }
      return id;
    },
    invalidates: [['imports', 'history']],
  });
}
