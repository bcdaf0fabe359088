import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import { errorStatus } from './errors';
import { type ValidatorSpec, validatorSpec } from './middleware/validate';

// Routes anyone may call, and routes that take an API token instead of a session.
const publicRoutes = new Set([
  'GET /api/health',
  'GET /api/auth/status',
  'POST /api/auth/login',
  'POST /api/auth/setup',
  'POST /api/auth/logout',
  'GET /api/openapi.json',
]);
const tokenRoute = /^\/api\/ingest\//;
// A share link carries its own credential in the path: no session, no token.
const shareRoute = /^\/api\/share\//;

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  // Input side: what a client sends, before defaults and transforms apply.
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' }) as JsonSchema;
}

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
      parameters: [],
      responses: {
        '200': { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      security:
        publicRoutes.has(key) || shareRoute.test(route.path)
          ? []
          : tokenRoute.test(route.path)
            ? [{ apiToken: [] }]
            : [{ session: [] }],
    };
    const operation = operations[method];
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
    paths,
    components: {
      schemas: { Error: errorEnvelope },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sr_session' },
        apiToken: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
