import { z } from 'zod';

// The connectors' answers (admins), as these zod schemas: the OpenAPI document describes them
// (responds) and test/api/connectors-answers.test.ts parses real answers with them.

const kind = z.enum(['hubspot', 'salesforce']);

/** A connector as answered: never its credential. */
const connector = z.object({
  id: z.number().int(),
  kind,
  status: z.enum(['pending', 'idle', 'syncing', 'failed', 'revoked']),
  message: z.string().nullable().describe('what the last run or the authorization said, when it failed'),
  lastRun: z
    .object({
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      read: z.number().int(),
      inserted: z.number().int(),
      updated: z.number().int(),
      rejected: z.number().int(),
      deleted: z.number().int(),
      errors: z.array(z.object({ recordId: z.string(), message: z.string() })),
    })
    .nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const connectorList = z.object({ connectors: z.array(connector) });

export const connectorCreated = z.object({
  id: z.number().int(),
  status: z
    .enum(['idle', 'pending'])
    .optional()
    .describe('Salesforce: pending until its authorization returns'),
  authorizeUrl: z.string().optional().describe('Salesforce web-server flow: where the admin signs in'),
});

export const connectorStatus = connector.extend({
  nextRunAt: z.string().nullable().describe('when the next sync is due; null once revoked'),
});

export const connectorRevoked = connector;

export const connectorSyncQueued = z.object({ id: z.number().int(), jobId: z.number() });

const mapping = z.object({
  source: z.string(),
  stages: z.object({
    mql: z.array(z.string()),
    salesReady: z.array(z.string()),
    opportunity: z.array(z.string()),
  }),
});
const choice = z.object({ value: z.string(), label: z.string() });

export const connectorMapping = z.object({
  id: z.number().int(),
  kind,
  mapping,
  defaults: mapping.nullable(),
  choices: z.object({
    source: z.array(choice),
    stages: z.array(choice),
    from: z.enum(['account', 'standard']),
    note: z.string().optional(),
  }),
});

export const connectorMappingSaved = z.object({ id: z.number().int(), kind, mapping });
