import { z } from 'zod';

// Settings, sources, targets, spend and ingestion, answered as these zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

const months = z.object({
  sourceId: z.number().int(),
  source: z.string(),
  month: z.string(),
  before: z.number().nullable(),
  after: z.number().nullable(),
});

/** DELETE /api/targets */
export const deleteTargetsAnswer = z.object({ deleted: z.number() });

/** GET /api/settings, PUT /api/settings */
export const settingsAnswer = z.object({
  settings: z.object({
    id: z.number().int(),
    timezone: z.string(),
    slaHours: z.number(),
    stalledDays: z.number(),
    fiscalYearStartMonth: z.number(),
    currency: z.string(),
    salesReadyBantThreshold: z.number(),
    useCrmSalesReady: z.boolean(),
    influenceWindowDays: z.number(),
  }),
  salesReadyJob: z
    .object({
      id: z.number().int(),
      status: z.enum(['queued', 'running', 'done', 'failed']),
      progress: z.object({ done: z.number(), total: z.number() }).nullable(),
      createdAt: z.string(),
      finishedAt: z.string().nullable(),
      lastError: z.string().nullable(),
    })
    .nullable(),
});

/** GET /api/settings/demo */
export const settingsDemoAnswer = z.object({ leads: z.number(), account: z.boolean() });

/** GET /api/sources */
export const sourcesAnswer = z.object({
  sources: z.array(
    z.object({ id: z.number().int(), name: z.string(), category: z.string(), leads: z.number() }),
  ),
});

/** GET /api/spend */
export const spendAnswer = z.object({
  months: z.array(z.string()),
  currency: z.string(),
  sources: z.array(
    z.object({
      sourceId: z.number().int(),
      source: z.string(),
      category: z.string(),
      amounts: z.record(z.string(), z.number()),
      total: z.number(),
    }),
  ),
  /** The sales team's cost per month (`YYYY-MM-01` → amount), for the months that have one. */
  salesCost: z.record(z.string(), z.number()),
});

/** GET /api/spend/presets */
export const spendPresetsAnswer = z.object({
  presets: z.array(
    z.object({
      name: z.enum(['spend', 'google-ads', 'linkedin-ads', 'meta-ads']),
      label: z.string(),
      defaultSource: z.string().nullable(),
    }),
  ),
});

/** GET /api/targets */
export const targetsAnswer = z.object({
  targets: z.array(
    z.object({
      id: z.number().int(),
      quarter: z.string(),
      metric: z.enum(['leads', 'pipeline', 'revenue', 'sales_ready']),
      sourceId: z.number().int().nullable(),
      source: z.string().nullable(),
      value: z.number(),
    }),
  ),
});

/** PATCH /api/sources/:id */
export const patchSourcesIdAnswer = z.object({
  source: z.object({
    id: z.number().int(),
    name: z.string(),
    category: z.enum(['marketing', 'sales', 'partner', 'other']),
  }),
});

/** POST /api/ingest/leads */
export const postIngestLeadsAnswer = z.object({
  received: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  repeated: z.array(z.number()),
});

/** POST /api/ingest/spend */
export const postIngestSpendAnswer = z.object({
  received: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

/** POST /api/ingest/sales-cost */
export const postIngestSalesCostAnswer = postIngestSpendAnswer;

/** POST /api/ingest/touches */
export const postIngestTouchesAnswer = z.object({
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  unknownLeads: z.array(z.object({ index: z.number(), leadExternalId: z.string() })),
  received: z.number(),
});

/** POST /api/settings/demo/remove */
export const postSettingsDemoRemoveAnswer = z.object({
  leads: z.number(),
  account: z.boolean(),
  removed: z.object({
    leads: z.number(),
    touches: z.number(),
    targets: z.number(),
    spend: z.number(),
    sources: z.number(),
    accounts: z.number(),
  }),
});

/** POST /api/sources/:id/merge */
export const postSourcesIdMergeAnswer = z.object({
  from: z.object({ id: z.number().int(), name: z.string() }),
  into: z.object({ id: z.number().int(), name: z.string() }),
  moved: z.object({
    leads: z.number(),
    spendMonths: z.number(),
    targets: z.number(),
    touches: z.number(),
    aliases: z.number(),
  }),
});

/** POST /api/sources/match */
export const postSourcesMatchAnswer = z.object({
  matches: z.array(
    z.union([
      z.object({
        name: z.string(),
        sourceId: z.number().int(),
        sourceName: z.string(),
        how: z.enum(['name', 'alias', 'spelling', 'synonym']),
      }),
      z.object({ name: z.string(), sourceId: z.null(), sourceName: z.null(), how: z.literal('new') }),
    ]),
  ),
});

/** POST /api/spend/import */
export const postSpendImportAnswer = z.object({
  preset: z.enum(['spend', 'google-ads', 'linkedin-ads', 'meta-ads']),
  label: z.string(),
  dryRun: z.boolean(),
  read: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  problems: z.array(z.object({ line: z.number(), column: z.string().nullable(), message: z.string() })),
  months: z.array(months),
});

/** POST /api/targets/import, PUT /api/targets */
export const putTargetsAnswer = z.object({ saved: z.number() });

/** PUT /api/sources/aliases */
export const putSourcesAliasesAnswer = z.object({
  aliases: z.array(
    z.object({ name: z.string(), sourceId: z.number().int(), sourceName: z.string(), created: z.boolean() }),
  ),
});

/** PUT /api/spend */
export const putSpendAnswer = z.object({
  changed: z.number(),
  changes: z.array(months),
  /** The sales cost's months that changed. */
  salesCost: z.array(
    z.object({ month: z.string(), before: z.number().nullable(), after: z.number().nullable() }),
  ),
});
