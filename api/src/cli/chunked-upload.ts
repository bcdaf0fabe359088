import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';

export interface ChunkedUploadOptions {
  /** The server's origin, e.g. http://127.0.0.1:3000. */
  server: string;
  /** Credentials (a session cookie). */
  headers: Record<string, string>;
  path: string;
  fileName: string;
  /** The import's options as the form fields of POST /api/imports (mapping as JSON, preset, …). */
  fields?: Record<string, string>;
  chunkBytes?: number;
  /** Bytes stored so far and the file's size, after each chunk. */
  onProgress?: (committed: number, size: number) => void;
  /** Attempts per chunk on a dropped connection or a 5xx before giving up. */
  attempts?: number;
}

interface UploadState {
  id: number;
  chunkBytes: number;
  chunkCount: number;
  nextChunk: number | null;
  committedBytes: number;
  fingerprint: string | null;
  firstChunkSha256: string | null;
}

const headBytes = 1024 * 1024;

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => null)) as T & { error?: { message?: string } };
  if (!res.ok) throw new Error(body?.error?.message ?? `the server answered ${res.status}`);
  return body;
}

/**
 * Sends a CSV to a server as a chunked import (docs/decisions/0019): an import of the same file
 * (name, size, modification time and first chunk) left unfinished is resumed from its next chunk;
 * a chunk whose answer was lost is sent again, which the server answers without doing it twice.
 */
export async function uploadInChunks(
  options: ChunkedUploadOptions,
): Promise<{ id: number; resumed: boolean }> {
  const { server, headers } = options;
  const info = await stat(options.path);
  const size = info.size;
  const fingerprint = `${options.fileName}:${size}:${Math.floor(info.mtimeMs)}`;
  const file = await open(options.path, 'r');
  const read = async (offset: number, length: number) => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await file.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  };
  try {
    let state: UploadState | null = null;
    const open = await json<{ imports: UploadState[] }>(
      await fetch(
        `${server}/api/imports/uploads?${new URLSearchParams({ fileName: options.fileName, size: String(size) })}`,
        { headers },
      ),
    );
    for (const candidate of open.imports) {
      if (candidate.fingerprint !== fingerprint) continue;
      const first = await read(0, Math.min(candidate.chunkBytes, size));
      const hash = createHash('sha256').update(first).digest('hex');
      if (candidate.firstChunkSha256 === null || candidate.firstChunkSha256 === hash) {
        state = candidate;
        break;
      }
    }
    const resumed = state !== null;
    if (!state) {
      const form = new FormData();
      for (const [k, v] of Object.entries(options.fields ?? {})) form.set(k, v);
      form.set('size', String(size));
      form.set('fingerprint', fingerprint);
      if (options.chunkBytes) form.set('chunkBytes', String(options.chunkBytes));
      const head = await read(0, Math.min(headBytes, size));
      form.set('file', new Blob([new Uint8Array(head)], { type: 'text/csv' }), options.fileName);
      state = await json<UploadState>(
        await fetch(`${server}/api/imports/uploads`, { method: 'POST', headers, body: form }),
      );
    }
    options.onProgress?.(state.committedBytes, size);
    let n = state.nextChunk;
    const attempts = options.attempts ?? 5;
    while (n !== null && n < state.chunkCount) {
      const body = await read(n * state.chunkBytes, Math.min(state.chunkBytes, size - n * state.chunkBytes));
      let answer: { nextChunk: number | null; committedBytes: number } | null = null;
      for (let attempt = 1; !answer; attempt++) {
        let res: Response;
        try {
          res = await fetch(`${server}/api/imports/${state.id}/chunks/${n}`, {
            method: 'PUT',
            headers: { ...headers, 'content-type': 'application/octet-stream' },
            body: new Uint8Array(body),
          });
        } catch (error) {
          if (attempt >= attempts) throw error;
          await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
          continue;
        }
        if (res.status >= 500 && attempt < attempts) {
          await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
          continue;
        }
        if (res.status === 409) {
          // Another client (or an earlier run) moved the import on: continue from where it is.
          const now = await json<UploadState>(
            await fetch(`${server}/api/imports/${state.id}/chunks`, { headers }),
          );
          if (now.nextChunk !== null && now.nextChunk > n) {
            answer = { nextChunk: now.nextChunk, committedBytes: now.committedBytes };
            break;
          }
        }
        answer = await json(res);
      }
      options.onProgress?.(answer.committedBytes, size);
      n = answer.nextChunk;
    }
    return { id: state.id, resumed };
  } finally {
    await file.close();
  }
}
