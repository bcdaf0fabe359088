import { AppError } from '../errors';
import { readBytesWithin } from '../read-body';
import { formatBytes } from './upload-limits';

/**
 * A small multipart form read in memory (no temporary file: this runs on every runtime): its text
 * fields and the first `keepBytes` of its `file` part.
 */
export async function readSmallForm(
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
