import { AppError } from './errors';

/**
 * A request's body, counted on the bytes actually read (a chunked upload has no Content-Length to
 * trust): past `maxBytes` the reading stops and the answer is 413 `tooLarge`.
 */
export async function readBytesWithin(request: Request, maxBytes: number, tooLarge: string): Promise<Buffer> {
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

/** The same, as UTF-8 text. */
export async function readTextWithin(request: Request, maxBytes: number, tooLarge: string): Promise<string> {
  return (await readBytesWithin(request, maxBytes, tooLarge)).toString('utf8');
}
