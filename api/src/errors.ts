import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The closed list of error codes every error response uses. */
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  misdirected: 421,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorDetail {
  /** The parameter, field or column at fault. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; requestId: string };
}

/** The Postgres error code of a failure, looking through drizzle's wrapper. */
export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === '23505';

function isConnectionFailure(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01' || code === '57P03') return true;
  // node-postgres gives no code when the socket closes under a query (a rollback after a terminated backend).
  const e = error as { message?: unknown; cause?: { message?: unknown } } | null;
  return [e?.message, e?.cause?.message].some(
    (m) => typeof m === 'string' && m.startsWith('Connection terminated'),
  );
}

/**
 * An unexpected error as logged. A failed query's bound values and the database's row detail (lead
 * data, password hashes) stay out: the query, the database's message and its codes are enough.
 */
function loggable(error: Error): Error {
  const { query, params, cause } = error as Error & { query?: unknown; params?: unknown };
  if (typeof query !== 'string' || params === undefined) return error;
  const db = (cause ?? {}) as { message?: string; code?: string; table?: string; constraint?: string };
  const safe = Object.assign(new Error(`Failed query: ${query}\n${db.message ?? 'no reason given'}`), {
    code: db.code,
    table: db.table,
    constraint: db.constraint,
  });
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  safe.stack = [`Error: ${safe.message}`, ...frames].join('\n');
  return safe;
}

/** The single error handler: every failure leaves the API in one envelope. */
export function handleError(error: Error, c: Context): Response {
  const requestId = c.get('requestId') ?? 'unknown';
  let body: ErrorEnvelope['error'];
  if (error instanceof AppError) {
    body = {
      code: error.code,
      message: error.message || 'the request was refused',
      requestId,
      ...(error.details && { details: error.details }),
    };
  } else if (error instanceof HTTPException && error.status === 413) {
    body = { code: 'payload_too_large', message: 'the request body is too large', requestId };
  } else if (error instanceof HTTPException && error.status < 500) {
    const code = error.status === 403 ? 'forbidden' : 'bad_request';
    // A refusal always says why, even when the middleware that refused gave no words.
    const message =
      error.message || (code === 'forbidden' ? 'this request is not allowed' : 'the request is malformed');
    body = { code, message, requestId };
  } else if (isConnectionFailure(error)) {
    body = { code: 'unavailable', message: 'the database is unavailable; try again shortly', requestId };
  } else {
    console.error(`[${requestId}]`, loggable(error));
    body = { code: 'internal', message: 'an unexpected error occurred', requestId };
  }
  return c.json({ error: body } satisfies ErrorEnvelope, errorStatus[body.code]);
}
