import { subscriptionKinds } from '@salesready/db/schema/subscriptions';
import { z } from 'zod';

/*
 * The answers of the routes scripts and tools read, as zod schemas: the OpenAPI document describes them
 * (`responds`), and the routes' tests parse real answers with them.
 */

export const healthAnswer = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres', 'neon']),
  version: z.string(),
});

/** A figure beside the same figure of the previous quarter and of a year before, to the same day. */
export const compared = z.object({ value: z.number(), previous: z.number(), yearAgo: z.number() });
/** The same for a figure that may have no value (a rate with nothing to divide, a median of none). */
export const comparedOrNone = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  yearAgo: z.number().nullable(),
});

export const period = z.object({ label: z.string(), from: z.string(), to: z.string() });

export const figureAnswerSchema = z.object({
  period,
  asOf: z.string().describe('ISO 8601 instant the figures were computed at'),
  figures: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      unit: z.enum(['count', 'rate', 'currency', 'days', 'ratio']),
      basis: z.enum(['period', 'cohort', 'snapshot']),
      section: z.string(),
      definition: z.string(),
      closedDefinition: z.string().optional(),
      value: z.number().nullable(),
    }),
  ),
});

export const subscriptionList = z.object({
  subscriptions: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(subscriptionKinds),
      name: z.string(),
      schedule: z.string().describe('cron expression or `after-quarter N HH:MM`, in `timezone`'),
      timezone: z.string(),
      slack: z.boolean().describe('whether a Slack webhook is set (the URL is never answered)'),
      recipients: z.array(z.object({ email: z.string(), unsubscribed: z.boolean() })),
      nextRunAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const createdId = z.object({ id: z.number().int() });

export const runStarted = z.object({
  runId: z.number().int().nullable(),
  deliveries: z.number().int(),
  message: z.string().optional(),
});

export const subscriptionRuns = z.object({
  runs: z.array(
    z.object({
      id: z.number().int(),
      trigger: z.enum(['schedule', 'manual']),
      subject: z.string(),
      createdAt: z.string(),
      deliveries: z.array(
        z.object({
          channel: z.enum(['email', 'slack']),
          recipient: z.string(),
          status: z.enum(['sent', 'pending', 'retrying', 'failed', 'skipped']),
          attempts: z.number().int(),
          error: z.string().nullable(),
          sentAt: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const subscriptionDeleted = z.object({ id: z.number().int(), deleted: z.literal(true) });

export const unsubscribed = z.object({ email: z.string(), unsubscribed: z.literal(true) });

/** A change done, with nothing more to say. */
export const okAnswer = z.object({ ok: z.literal(true) });

const freeForm = z.record(z.string(), z.unknown());

/** GET /api/openapi.json: this document; its operations and components are OpenAPI 3.0 objects. */
export const openApiAnswer = z.object({
  openapi: z.literal('3.0.3'),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  servers: z.array(z.object({ url: z.string(), description: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), freeForm)),
  components: z.object({
    schemas: z.record(z.string(), freeForm),
    responses: z.record(z.string(), freeForm),
    securitySchemes: z.record(z.string(), freeForm),
  }),
});
