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
