import { z } from 'zod';
import { period } from './responses';

// The handoff, the pipeline waterfall and the lead lists, answered as these zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

const deals = z.object({
  new: z.number(),
  pulledIn: z.number(),
  pushedOut: z.number(),
  increased: z.number(),
  decreased: z.number(),
  won: z.number(),
  lost: z.number(),
});

const bySource = z.object({
  key: z.union([z.string(), z.number()]).nullable(),
  starting: z.number(),
  new: z.number(),
  pulledIn: z.number(),
  pushedOut: z.number(),
  increased: z.number(),
  decreased: z.number(),
  won: z.number(),
  lost: z.number(),
  ending: z.number(),
  deals: deals,
});

/** GET /api/leads */
export const leadsAnswer = z.object({
  period: period,
  rows: z.array(
    z.object({
      id: z.number().int(),
      externalId: z.string(),
      company: z.string().nullable(),
      sourceId: z.number().int().nullable(),
      source: z.string(),
      category: z.string(),
      owner: z.string().nullable(),
      segment: z.string().nullable(),
      country: z.string().nullable(),
      stage: z.enum(['salesReady', 'won', 'lost', 'lead', 'mql', 'accepted', 'opportunity', 'disqualified']),
      createdAt: z.string(),
      salesReadyAt: z.string().nullable(),
      bantScore: z.number(),
      score: z.number().nullable(),
      amount: z.number().nullable(),
      ageDays: z.number(),
      lastTouchAt: z.string().nullable(),
    }),
  ),
  total: z.number(),
  amount: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** GET /api/leads/dimensions */
export const leadsDimensionsAnswer = z.object({
  sources: z.array(
    z.object({ id: z.number().int(), name: z.string(), category: z.string(), leads: z.number() }),
  ),
  segments: z.array(z.object({ value: z.string(), leads: z.number() })),
  countries: z.array(z.object({ value: z.string(), leads: z.number() })),
  owners: z.array(z.object({ value: z.string(), leads: z.number() })),
});

/** GET /api/leads/:id */
export const leadsIdAnswer = z.object({
  lead: z.object({
    id: z.number().int(),
    externalId: z.string(),
    originSystem: z.string(),
    company: z.string().nullable(),
    source: z.string(),
    category: z.string(),
    campaign: z.string().nullable(),
    owner: z.string().nullable(),
    segment: z.string().nullable(),
    country: z.string().nullable(),
    stage: z.string(),
    budget: z.boolean(),
    authority: z.boolean(),
    need: z.boolean(),
    timeframe: z.boolean(),
    bantScore: z.number(),
    score: z.number().nullable(),
    amount: z.number().nullable(),
    disqualifyReason: z.string().nullable(),
    stages: z.array(z.object({ stage: z.string(), at: z.string() })),
    touches: z.array(
      z.object({
        occurredAt: z.string(),
        kind: z.string(),
        channel: z.string().nullable(),
        actor: z.string(),
      }),
    ),
  }),
});

/** The hand-off figures of one group of SRLs: all, a source's, an owner's. */
const handoffFigures = z.object({
  salesReady: z.number(),
  followedUp: z.number(),
  withinSla: z.number(),
  breached: z.number(),
  pending: z.number(),
  slaAttainment: z.number().nullable(),
  medianHours: z.number().nullable(),
  p75Hours: z.number().nullable(),
  accepted: z.number(),
  acceptedRate: z.number().nullable(),
  rejected: z.number(),
  rejectedRate: z.number().nullable(),
  disqualified: z.number(),
  disqualifiedRate: z.number().nullable(),
});

/** Which leads the neglected and stalled figures count: the days they became sales-ready in. */
const waitingScope = z.object({
  from: z.string(),
  to: z.string(),
  basis: z.enum(['period', 'last-365-days']),
});

/** GET /api/metrics/handoff */
export const metricsHandoffAnswer = z.object({
  neglected: z.number(),
  stalled: z.number(),
  overall: handoffFigures,
  bySource: z.array(handoffFigures.extend({ sourceId: z.number().int().nullable(), source: z.string() })),
  byOwner: z.array(handoffFigures.extend({ owner: z.string().nullable() })),
  reasons: z.array(z.object({ reason: z.string(), count: z.number(), share: z.number() })),
  period: period,
  timezone: z.string(),
  asOf: z.string(),
  scope: waitingScope,
  slaHours: z.number(),
  stalledDays: z.number(),
});

/** A page of the SRLs waiting on sales, in the scope the hand-off figures count them in. */
const waitingPage = z.object({
  scope: waitingScope,
  asOf: z.string(),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** Who a waiting SRL is, on either list. */
const waitingLead = z.object({
  id: z.number().int(),
  externalId: z.string(),
  company: z.string().nullable(),
  sourceId: z.number().int().nullable(),
  source: z.string().nullable(),
  owner: z.string().nullable(),
});

/** GET /api/metrics/handoff/neglected */
export const metricsHandoffNeglectedAnswer = waitingPage.extend({
  slaHours: z.number(),
  rows: z.array(
    waitingLead.extend({
      segment: z.string().nullable(),
      salesReadyAt: z.string(),
      hoursWaiting: z.number(),
    }),
  ),
});

/** GET /api/metrics/handoff/stalled */
export const metricsHandoffStalledAnswer = waitingPage.extend({
  stalledDays: z.number(),
  rows: z.array(
    waitingLead.extend({
      stage: z.enum(['sales_ready', 'accepted', 'opportunity']),
      stageAt: z.string(),
      daysInStage: z.number(),
      lastActivityAt: z.string(),
      daysSinceActivity: z.number(),
      amount: z.number().nullable(),
    }),
  ),
});

/** GET /api/metrics/pipeline-waterfall */
export const metricsPipelineWaterfallAnswer = z.object({
  quarter: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  basis: z.object({
    from: z.enum(['snapshot', 'rebuilt', 'stage-timestamps']),
    to: z.enum(['snapshot', 'rebuilt', 'stage-timestamps']),
  }),
  overall: z.object({
    starting: z.number(),
    new: z.number(),
    pulledIn: z.number(),
    pushedOut: z.number(),
    increased: z.number(),
    decreased: z.number(),
    won: z.number(),
    lost: z.number(),
    ending: z.number(),
    deals: deals,
  }),
  bySource: z.array(bySource),
  byOwner: z.array(bySource),
});

/** GET /api/metrics/pipeline-waterfall/deals */
export const metricsPipelineWaterfallDealsAnswer = z.object({
  total: z.number(),
  rows: z.array(
    z.object({
      leadId: z.number().int(),
      company: z.string().nullable(),
      sourceId: z.number().int().nullable(),
      owner: z.string().nullable(),
      movement: z.enum(['new', 'pulledIn', 'pushedOut', 'increased', 'decreased', 'won', 'lost']),
      startingAmount: z.number().nullable(),
      endingAmount: z.number().nullable(),
      moved: z.number(),
    }),
  ),
  from: z.string(),
  to: z.string(),
  movement: z.enum(['new', 'pulledIn', 'pushedOut', 'increased', 'decreased', 'won', 'lost']),
  page: z.number(),
  pageSize: z.number(),
});
