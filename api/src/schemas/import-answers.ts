import { z } from 'zod';

// CSV imports, in one request and in chunks, answered as these zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

const proposedMapping = z.object({
  createdAt: z.string().optional(),
  source: z.string().optional(),
  segment: z.string().optional(),
  country: z.string().optional(),
  owner: z.string().optional(),
  salesReadyAt: z.string().optional(),
  amount: z.string().optional(),
  company: z.string().optional(),
  stage: z.string().optional(),
  externalId: z.string().optional(),
  campaign: z.string().optional(),
  mqlAt: z.string().optional(),
  acceptedAt: z.string().optional(),
  opportunityAt: z.string().optional(),
  wonAt: z.string().optional(),
  lostAt: z.string().optional(),
  budget: z.string().optional(),
  authority: z.string().optional(),
  need: z.string().optional(),
  timeframe: z.string().optional(),
  score: z.string().optional(),
});

const chunkedImport = z.object({
  id: z.number().int(),
  status: z.enum(['running', 'failed', 'completed', 'interrupted']),
  fileName: z.string(),
  mode: z.enum(['upsert', 'update']),
  preset: z.string().nullable(),
  size: z.number(),
  chunkBytes: z.number(),
  chunkCount: z.number(),
  nextChunk: z.number().nullable(),
  committedBytes: z.number(),
  fingerprint: z.string().nullable(),
  firstChunkSha256: z.string().nullable(),
});

/** GET /api/imports */
export const importsAnswer = z.object({
  imports: z.array(
    z.object({
      unchanged: z.number(),
      id: z.number().int(),
      fileName: z.string(),
      mode: z.enum(['upsert', 'update']),
      status: z.enum(['running', 'failed', 'completed', 'interrupted']),
      read: z.number(),
      inserted: z.number(),
      updated: z.number(),
      rejected: z.number(),
      userId: z.number().int().nullable(),
      userEmail: z.string().nullable(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
    }),
  ),
});

/** GET /api/imports/:id */
export const importsIdAnswer = z.object({
  preset: z.string().nullable(),
  unchanged: z.number(),
  mapping: z.unknown(),
  errors: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
  id: z.number().int(),
  fileName: z.string(),
  mode: z.enum(['upsert', 'update']),
  status: z.enum(['running', 'failed', 'completed', 'interrupted']),
  read: z.number(),
  inserted: z.number(),
  updated: z.number(),
  rejected: z.number(),
  userId: z.number().int().nullable(),
  userEmail: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** GET /api/imports/:id/chunks */
export const importsIdChunksAnswer = chunkedImport;

/** GET /api/imports/presets */
export const importsPresetsAnswer = z.object({
  presets: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      mode: z.enum(['upsert', 'update']),
      originSystem: z.string(),
    }),
  ),
});

/** GET /api/imports/uploads */
export const importsUploadsAnswer = z.object({ imports: z.array(chunkedImport) });

/** POST /api/imports */
export const postImportsAnswer = z.object({
  id: z.number().int(),
  status: z.enum(['running', 'failed', 'completed', 'interrupted']),
  fileName: z.string(),
  mode: z.enum(['upsert', 'update']),
  preset: z.string().nullable(),
  read: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  errors: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
  errorCount: z.number(),
  message: z.string().nullable(),
});

/** POST /api/imports/:id/cancel */
export const postImportsIdCancelAnswer = chunkedImport;

/** POST /api/imports/preview */
export const postImportsPreviewAnswer = z.object({
  headers: z.array(z.string()),
  delimiter: z.string(),
  preset: z.string().nullable(),
  detectedPreset: z.string().nullable(),
  proposedMapping: proposedMapping,
  mapping: proposedMapping,
  values: z.record(z.string(), z.record(z.string(), z.string())),
  constants: proposedMapping,
  mode: z.enum(['upsert', 'update']),
  dateFormats: z.record(
    z.string(),
    z.object({
      style: z.enum(['mdy', 'dmy', 'ymd', 'ambiguous', 'mixed', 'invalid', 'empty']),
      label: z.string().nullable(),
      reason: z.string().optional(),
    }),
  ),
  problems: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
  rows: z.array(
    z.object({
      line: z.number(),
      lead: z
        .object({
          externalId: z.string(),
          createdAt: z.string().optional(),
          source: z.string().nullable().optional(),
          campaign: z.string().nullable().optional(),
          company: z.string().nullable().optional(),
          segment: z.string().nullable().optional(),
          country: z.string().nullable().optional(),
          owner: z.string().nullable().optional(),
          mqlAt: z.string().nullable().optional(),
          crmSalesReadyAt: z.string().nullable().optional(),
          acceptedAt: z.string().nullable().optional(),
          opportunityAt: z.string().nullable().optional(),
          wonAt: z.string().nullable().optional(),
          lostAt: z.string().nullable().optional(),
          amount: z.number().nullable().optional(),
          budget: z.boolean().optional(),
          authority: z.boolean().optional(),
          need: z.boolean().optional(),
          timeframe: z.boolean().optional(),
          score: z.number().nullable().optional(),
          status: z.enum(['won', 'lost', 'disqualified', 'open', 'recycled']).optional(),
          stage: z.string().nullable().optional(),
        })
        .nullable(),
      problems: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
    }),
  ),
  fileName: z.string(),
});

/** POST /api/imports/uploads */
export const postImportsUploadsAnswer = chunkedImport;

/** PUT /api/imports/:id/chunks/:n */
export const putImportsIdChunksNAnswer = z.object({
  importId: z.number().int(),
  chunk: z.number(),
  bytes: z.number(),
  read: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  problems: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
  nextChunk: z.number().nullable(),
  committedBytes: z.number(),
  size: z.number(),
  status: z.enum(['running', 'completed']),
});
