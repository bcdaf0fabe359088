import { z } from 'zod';
import { compared, comparedOrNone, period } from './responses';

// The board pack preview, the share view, commentary, freezing and share links, as zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

const details = z.object({
  mqls: compared,
  p75DaysToSalesReady: comparedOrNone,
  medianTouchesToSalesReady: comparedOrNone,
  touchesToSalesReady7To15Share: comparedOrNone,
  opportunities: compared,
  pipeline: compared,
  won: compared,
  lost: compared,
  winRate: comparedOrNone,
  medianSalesCycleDays: comparedOrNone,
});

const sources = z.object({
  rows: z.array(
    z.object({
      leads: z.number(),
      salesReady: z.number(),
      salesReadyRate: z.number().nullable(),
      salesReadyToOpportunity: z.number().nullable(),
      opportunityToWon: z.number().nullable(),
      opportunities: z.number(),
      won: z.number(),
      revenue: z.number(),
      spend: z.number().nullable(),
      costPerSalesReady: z.number().nullable(),
      medianDaysToSalesReady: z.number().nullable(),
      p75DaysToSalesReady: z.number().nullable(),
      medianDaysToWon: z.number().nullable(),
      source: z.string(),
      category: z.enum(['marketing', 'sales', 'partner', 'other']),
    }),
  ),
  totals: z.object({
    leads: z.number(),
    salesReady: z.number(),
    salesReadyRate: z.number().nullable(),
    salesReadyToOpportunity: z.number().nullable(),
    opportunityToWon: z.number().nullable(),
    opportunities: z.number(),
    won: z.number(),
    revenue: z.number(),
    spend: z.number().nullable(),
    costPerSalesReady: z.number().nullable(),
    medianDaysToSalesReady: z.number().nullable(),
    p75DaysToSalesReady: z.number().nullable(),
    medianDaysToWon: z.number().nullable(),
  }),
});

const leads = z.object({
  unit: z.enum(['count', 'amount']),
  overall: z.object({
    target: z.number().nullable(),
    actualToDate: z.number(),
    gap: z.number().nullable(),
    expectedToDate: z.number().nullable().optional(),
    pacing: z.number().nullable().optional(),
    projection: z.number().optional(),
    projectionLow: z.number().optional(),
    projectionHigh: z.number().optional(),
  }),
  explained: z
    .object({
      shortfall: z.number(),
      offset: z.number(),
      coveredBy: z.array(z.object({ source: z.string(), surplus: z.number() })),
      largest: z
        .object({
          source: z.string(),
          shareOfGap: z.number().nullable(),
          cause: z.enum(['winRate', 'volume', 'conversion', 'speed', 'opportunityRate']).nullable(),
        })
        .nullable(),
    })
    .nullable(),
  closing: z
    .object({ weeksRemaining: z.number(), requiredPerWeek: z.number(), projectedPerWeek: z.number() })
    .nullable(),
});

const pacing = z.object({
  asOf: z.string(),
  closed: z.boolean(),
  daysElapsed: z.number(),
  daysInQuarter: z.number(),
  weeksRemaining: z.number(),
  history: z.object({ quarters: z.array(z.string()), shape: z.enum(['linear', 'historical']) }),
  metrics: z.object({ leads: leads, salesReady: leads, pipeline: leads, revenue: leads }),
});

const funnel = z.object({
  stages: z.array(
    z.object({
      stage: z.enum(['salesReady', 'won', 'lead', 'mql', 'accepted', 'opportunity']),
      count: z.number(),
      stepConversion: z.number().nullable(),
      cumulativeConversion: z.number().nullable(),
      dropOff: z.number().nullable(),
      dropOffRate: z.number().nullable(),
      medianDaysInStage: z.number().nullable(),
      converted: z.number().nullable().optional(),
      reachedFromCreated: z.number().optional(),
    }),
  ),
  exits: z.array(
    z.object({
      stage: z.enum(['lost', 'disqualified']),
      from: z.enum(['salesReady', 'won', 'lead', 'mql', 'accepted', 'opportunity']),
      count: z.number(),
      conversion: z.number().nullable(),
      left: z.number().optional(),
    }),
  ),
  anomalies: z.object({ leadsInScope: z.number(), skippedAny: z.number(), outOfOrder: z.number() }),
});

const kpis = z.object({
  leads: compared,
  salesReady: compared,
  salesReadyRate: comparedOrNone,
  medianDaysToSalesReady: comparedOrNone,
  wonRevenue: compared,
});

const handoff = z.object({
  slaHours: z.number(),
  stalledDays: z.number(),
  overall: z.object({
    salesReady: z.number(),
    followedUp: z.number(),
    withinSla: z.number(),
    breached: z.number(),
    pending: z.number(),
    slaAttainment: z.number().nullable(),
    medianHours: z.number().nullable(),
    p75Hours: z.number().nullable(),
    acceptedRate: z.number().nullable(),
    rejectedRate: z.number().nullable(),
    disqualifiedRate: z.number().nullable(),
  }),
  neglected: z.number(),
  stalled: z.number(),
});

const attribution = z.object({
  rows: z.array(
    z.object({
      source: z.string(),
      category: z.enum(['marketing', 'sales', 'partner', 'other']),
      firstTouch: z.number(),
      lastTouch: z.number(),
      linear: z.number(),
    }),
  ),
  totals: z.object({
    wonRevenue: z.number(),
    deals: z.number(),
    firstTouch: z.number(),
    lastTouch: z.number(),
    linear: z.number(),
  }),
});

const shareLink = z.object({
  id: z.number().int(),
  quarter: z.string(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
  opens: z.number(),
  createdBy: z.string().nullable(),
});

const pipeline = z.object({
  total: z.number(),
  deals: z.number(),
  sourced: z.number(),
  sourcedDeals: z.number(),
  influenced: z.number(),
  influencedDeals: z.number(),
  sourcedShare: z.number().nullable(),
  influencedShare: z.number().nullable(),
});

const marketing = z.object({
  pipeline: pipeline,
  revenue: pipeline,
  influenceWindowDays: z.number().optional(),
  bySource: z
    .array(
      z.object({
        source: z.string(),
        category: z.enum(['marketing', 'sales', 'partner', 'other']),
        pipeline: pipeline,
        revenue: pipeline,
      }),
    )
    .optional(),
});

const salesReady = z.object({
  d30: z.number().nullable(),
  d60: z.number().nullable(),
  d90: z.number().nullable(),
  d180: z.number().nullable(),
  toDate: z.number().nullable(),
});

const cohorts = z.object({
  label: z.string(),
  leads: z.number(),
  salesReady: salesReady,
  won: salesReady,
  salesReadyToDate: z.number(),
  wonToDate: z.number(),
  revenueToDate: z.number(),
});

const commentary = z.object({
  section: z.enum(['sources', 'cohorts', 'funnel', 'speed', 'handoff', 'summary']),
  title: z.string(),
  body: z.string(),
});

/** DELETE /api/reports/share-links/:id */
export const deleteReportsShareLinksIdAnswer = shareLink;

/** GET /api/reports/commentary, PUT /api/reports/commentary */
export const reportsCommentaryAnswer = z.object({
  quarter: z.string(),
  sections: z.array(
    z.object({
      section: z.enum(['sources', 'cohorts', 'funnel', 'speed', 'handoff', 'summary']),
      title: z.string(),
      body: z.string(),
      updatedAt: z.string().nullable(),
      updatedBy: z.string().nullable(),
    }),
  ),
});

/** GET /api/reports/freeze */
export const reportsFreezeAnswer = z.object({
  quarter: z.string(),
  current: z.string(),
  state: z.enum(['closed', 'open']),
  frozen: z.object({ frozenAt: z.string(), frozenBy: z.string().nullable(), hash: z.string() }).nullable(),
});

/** GET /api/reports/preview */
export const reportsPreviewAnswer = z.object({
  quarter: period,
  previous: period,
  yearAgo: period,
  daysElapsed: z.number().nullable(),
  currency: z.string(),
  timezone: z.string(),
  figuresAsOf: z.string(),
  freshness: z.string().nullable(),
  status: z.union([
    z.object({ state: z.literal('open') }),
    z.object({ state: z.literal('unfrozen') }),
    z.object({ state: z.literal('closed'), frozenAt: z.string(), hash: z.string() }),
  ]),
  kpis: kpis,
  details: details,
  pacing: pacing,
  sources: sources,
  marketing: marketing,
  attribution: attribution,
  funnel: funnel,
  cohortRange: period,
  cohorts: z.array(cohorts),
  handoff: handoff,
  commentary: z.array(commentary),
});

/** GET /api/reports/restatement */
export const reportsRestatementAnswer = z.object({
  quarter: z.string(),
  state: z.enum(['closed', 'open']),
  frozen: z.object({ frozenAt: z.string(), frozenBy: z.string().nullable(), hash: z.string() }).nullable(),
  rows: z.array(
    z.object({
      figure: z.string(),
      source: z.string(),
      frozen: z.union([z.string(), z.number()]).nullable(),
      current: z.union([z.string(), z.number()]).nullable(),
      change: z.number().nullable(),
    }),
  ),
});

/** GET /api/reports/share-links */
export const reportsShareLinksAnswer = z.object({ links: z.array(shareLink) });

/** GET /api/share/:token */
export const shareTokenAnswer = reportsPreviewAnswer.extend({
  expiresAt: z.string(),
});

/** POST /api/reports/freeze */
export const postReportsFreezeAnswer = z.union([
  z.object({ state: z.literal('open'), quarter: z.string() }),
  z.object({ state: z.literal('unfrozen'), quarter: z.string() }),
  z.object({
    state: z.literal('closed'),
    frozenAt: z.string(),
    frozenBy: z.string().nullable(),
    hash: z.string(),
    quarter: z.string(),
  }),
]);

/** POST /api/reports/share-links */
export const postReportsShareLinksAnswer = z.object({
  id: z.number().int(),
  quarter: z.string(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
  opens: z.number(),
  createdBy: z.string().nullable(),
  token: z.string(),
});
