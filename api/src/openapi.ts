import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import { accessFor, readTokenRoute } from './auth/role-matrix';
import { errorStatus } from './errors';
import { type ResponseSpec, responseSpec } from './middleware/responds';
import { type ValidatorSpec, validatorSpec } from './middleware/validate';

// Who may call a route decides how it is secured: the role matrix is the one source.
function securityOf(method: string, routePath: string): Record<string, string[]>[] {
  const access = accessFor(method, routePath);
  if (access === 'public' || access === 'share') return [];
  // Scripts send an API token; a scheduler's tick sends the cron secret.
  if (access === 'credential')
    return routePath.startsWith('/api/ingest/') ? [{ apiToken: [] }] : [{ cronSecret: [] }];
  // The figures, metrics, periods and exports also take a read token (`srr_…`), for scripts and BI tools.
  if (readTokenRoute.test(`${method} ${routePath}`)) return [{ session: [] }, { readToken: [] }];
  return [{ session: [] }];
}

type JsonSchema = Record<string, unknown>;

const importForm = {
  description:
    'multipart/form-data: `file` (the CSV), and optionally `mapping` (JSON, field → column), `preset`, `mode`, `values` (JSON), `constants` (JSON), `timezone`, `dateOrder`, `originSystem`, `encoding`.',
};
// What a route's validators cannot say: bodies that are not JSON (imports), and how to use them.
const operationNotes: Record<string, JsonSchema> = {
  'POST /api/imports': {
    summary: 'Import a CSV of up to 4 MB in one request',
    description: `${importForm.description} Answers 201 with the report once the import is done. Files over 4 MB get 413: send them in chunks (POST /api/imports/uploads).`,
  },
  'POST /api/imports/uploads': {
    summary: 'Start a chunked import',
    description: `${importForm.description} Here \`file\` is the file's first bytes (up to 1 MB: its header and first rows fix the mapping), with \`size\` (the whole file's bytes), \`chunkBytes\` (optional, 1 KB–4 MB; default the server's proposal) and \`fingerprint\` (optional, to find the import again). Answers 201 { id, chunkBytes, chunkCount, nextChunk, committedBytes, … }. Then send chunk n = bytes [n·chunkBytes, (n+1)·chunkBytes) of the file with PUT /api/imports/{id}/chunks/{n}, in order.`,
  },
  'GET /api/imports/uploads': {
    summary: 'Unfinished chunked imports of a file (by name and size), to resume',
  },
  'GET /api/imports/{id}/chunks': {
    summary: 'Which chunks of a chunked import are stored, and the one to send next',
  },
  'PUT /api/imports/{id}/chunks/{n}': {
    summary: 'Store one chunk of a chunked import',
    description:
      'The body is the chunk’s raw bytes (application/octet-stream, at most 4 MB, exactly chunkBytes except the last). Each chunk is written in one transaction, with the record the previous chunk’s end cut off. A chunk already stored answers what it did the first time (header x-chunk-replayed: true) and changes nothing; other bytes under a stored number, or a chunk out of order, get 409 naming the chunk to send. The last chunk completes the import.',
    requestBody: {
      required: true,
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    },
  },
  'POST /api/imports/{id}/cancel': {
    summary: 'Stop a chunked import that will not be finished (the rows stored stay)',
  },
};

/** A zod schema as OpenAPI 3.0 reads it: the input side (what a client sends) unless said otherwise. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  return typedNullables(
    z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema,
  );
}

/**
 * OpenAPI 3.0 reads `nullable` only beside a `type`; zod writes it beside `anyOf` for a nullable union.
 * The union's members share a type (a date-time or a date, both strings): it is lifted beside `nullable`.
 */
function typedNullables(schema: JsonSchema): JsonSchema {
  for (const value of Object.values(schema)) {
    const children: unknown[] = Array.isArray(value) ? value : [value];
    for (const child of children) if (child && typeof child === 'object') typedNullables(child as JsonSchema);
  }
  const members = schema.anyOf as JsonSchema[] | undefined;
  if (schema.nullable === true && schema.type === undefined && members) {
    const types = new Set(members.map((m) => m.type));
    if (types.size === 1 && [...types][0] !== undefined) schema.type = [...types][0];
    else {
      for (const m of members) m.nullable = true;
      delete schema.nullable;
    }
  }
  return schema;
}

const verbs: Record<string, string> = {
  GET: 'Read',
  POST: 'Send to',
  PUT: 'Replace',
  PATCH: 'Change',
  DELETE: 'Delete',
};
// Downloads answer a file, not JSON: each suffix with the type it is sent as.
const fileTypes: Record<string, string> = {
  '.csv': 'text/csv',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
};
const fileType = (path: string) => Object.entries(fileTypes).find(([suffix]) => path.endsWith(suffix))?.[1];
const okResponse = (path: string) => {
  const type = fileType(path);
  return type
    ? { description: 'The file', content: { [type]: { schema: { type: 'string', format: 'binary' } } } }
    : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } };
};

/** The success answer a route declares (`responds`, `respondsHtml`, `redirects`). */
function successResponse(answer: ResponseSpec): JsonSchema {
  if (answer.redirect) {
    return {
      description: `Redirect: ${answer.redirect}`,
      headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } },
    };
  }
  const content: Record<string, JsonSchema> = {};
  if (answer.schema) content['application/json'] = { schema: jsonSchema(answer.schema, 'output') };
  if (answer.html) content['text/html'] = { schema: { type: 'string', description: answer.html } };
  const description = { 200: 'OK', 201: 'Created', 202: 'Accepted', 302: 'Found' }[answer.status];
  return { description, content };
}

/** An operation's summary where none is written: what it does to which path. */
const summaryOf = (method: string, path: string) =>
  `${verbs[method] ?? method} ${path.replace(/^\/api\//, '')}`;

function parametersOf(spec: ValidatorSpec, where: 'query' | 'path'): JsonSchema[] {
  const schema = jsonSchema(spec.schema);
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' && { description: property.description }),
  }));
}

const errorEnvelope = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorStatus) },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
        requestId: { type: 'string' },
      },
    },
  },
};

/**
 * The OpenAPI document, read off the app itself: every route, and for each the zod schemas its
 * validators use. A route added to the app appears here without anyone writing it down.
 */
export function openApiDocument(routes: RouterRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    if (route.method === 'ALL' || !route.path.startsWith('/api/')) continue;
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const method = route.method.toLowerCase();
    const key = `${route.method} ${route.path}`;
    paths[path] ??= {};
    const operations = paths[path];
    operations[method] ??= {
      operationId: key.replace(/[^a-zA-Z0-9]+/g, '_'),
      summary: summaryOf(route.method, path),
      parameters: [],
      responses: {
        '200': okResponse(path),
        '4XX': { $ref: '#/components/responses/Refused' },
        default: { $ref: '#/components/responses/Failed' },
      },
      security: securityOf(route.method, route.path),
    };
    const operation = operations[method];
    Object.assign(operation, operationNotes[`${route.method} ${path}`]);
    const answer = (route.handler as unknown as Record<symbol, ResponseSpec | undefined>)[responseSpec];
    if (answer) {
      const responses = operation.responses as Record<string, unknown>;
      delete responses['200'];
      responses[String(answer.status)] = successResponse(answer);
    }
    const spec = (route.handler as unknown as Record<symbol, ValidatorSpec | undefined>)[validatorSpec];
    if (!spec) continue;
    if (spec.target === 'query') (operation.parameters as JsonSchema[]).push(...parametersOf(spec, 'query'));
    if (spec.target === 'param') (operation.parameters as JsonSchema[]).push(...parametersOf(spec, 'path'));
    if (spec.target === 'json') {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(spec.schema) } },
      };
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'SalesReady API',
      version,
      description:
        'Lead-to-revenue figures. Field names are camelCase, dates ISO 8601, rates fractions in [0, 1] or null when the denominator is 0, durations in days. Definitions: docs/metrics.md.',
    },
    servers: [{ url: '/', description: 'The server that answered this document' }],
    paths,
    components: {
      schemas: { Error: errorEnvelope },
      responses: {
        Refused: {
          description:
            'Refused: the error envelope says what and where (400 invalid input, 401 no session, 403 role, 404, 409, 413, 429)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
        Failed: {
          description:
            'Not done: the error envelope says why (503 a dependency such as the database or mail is unavailable)',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sr_session' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'An ingestion token (`sri_…`)' },
        readToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A read token (`srr_…`): the figures, metrics, periods and exports, as a board member reads them',
        },
        cronSecret: { type: 'http', scheme: 'bearer', description: 'The server’s CRON_SECRET' },
      },
    },
  };
}
