import type { AppType } from '@salesready/api/app';
import { type ClientResponse, hc } from 'hono/client';

/** The one typed client of the API; same origin, so the session cookie goes along. */
export const api = hc<AppType>('/');

/** A non-2xx answer from the API, carrying its error envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | null,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

interface ErrorEnvelope {
  error?: {
    code?: string;
    message?: string;
    requestId?: string;
    details?: { path: string; message: string }[];
  };
}

/**
 * Awaits a typed client call and returns its JSON body, or throws an ApiError built from the
 * error envelope (or from the status alone when the body is not one, e.g. a proxy's 502).
 */
export async function unwrap<T>(call: Promise<ClientResponse<T, number, 'json'>>): Promise<T> {
  let res: ClientResponse<T, number, 'json'>;
  try {
    res = await call;
  } catch {
    throw new ApiError(0, 'network', 'the server could not be reached; check your connection', null);
  }
  if (res.ok) return res.json();
  const body = (await res.json().catch(() => null)) as ErrorEnvelope | null;
  const requestId = body?.error?.requestId ?? res.headers.get('x-request-id');
  throw new ApiError(
    res.status,
    body?.error?.code ?? (res.status >= 500 ? 'internal' : 'bad_request'),
    body?.error?.message ?? `the server answered ${res.status} ${res.statusText}`.trim(),
    requestId,
    body?.error?.details,
  );
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A sentence for a person: validation details by field when there are some, else the message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.details?.length) {
      return error.details
        .map((d) => `${d.path.charAt(0).toUpperCase()}${d.path.slice(1)}: ${d.message}`)
        .join('. ');
    }
    return error.message.charAt(0).toUpperCase() + error.message.slice(1);
  }
  return error instanceof Error ? error.message : 'Something went wrong';
}

interface SendFormOptions {
  signal?: AbortSignal;
  /** Share of the request body sent so far, 0–1 (large uploads). */
  onUploadProgress?: (fraction: number) => void;
}

/**
 * Posts a multipart form (a CSV upload) and returns the JSON body with its status, or throws an
 * ApiError like `unwrap`. XMLHttpRequest, not fetch: only it reports upload progress. Same
 * origin, so the browser adds the Origin header the API's CSRF check wants, and the cookie.
 */
export function sendForm<T>(
  url: string,
  form: FormData,
  { signal, onUploadProgress }: SendFormOptions = {},
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    if (onUploadProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onUploadProgress(event.loaded / event.total);
      };
    }
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'the server could not be reached; check your connection', null));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      signal?.removeEventListener('abort', abort);
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): the status alone speaks below.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, body: body as T });
        return;
      }
      const envelope = body as ErrorEnvelope | null;
      reject(
        new ApiError(
          xhr.status,
          envelope?.error?.code ?? (xhr.status >= 500 ? 'internal' : 'bad_request'),
          envelope?.error?.message ?? `the server answered ${xhr.status} ${xhr.statusText}`.trim(),
          envelope?.error?.requestId ?? xhr.getResponseHeader('x-request-id'),
          envelope?.error?.details,
        ),
      );
    };
    xhr.send(form);
  });
}
