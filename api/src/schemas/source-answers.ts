import { z } from 'zod';
import { period } from './responses';

// The sources table and attribution, answered as these zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

const category = z.enum(['marketing', 'sales', 'partner', 'other']);

/** The figures of one group of leads: a source's row, a category's, the totals. */
const sourceFigures = z.object({
  leads: z.number(),
  mqls: z.number(),
  salesReady: z.number(),
  opportunities: z.number(),
  won: z.number(),
  revenue: z.number(),
  salesReadyRate: z.number().nullable(),
  wonRate: z.number().nullable(),
  leadsThenSalesReady: z.number(),
  salesReadyThenOpportunity: z.number(),
  opportunitiesThenWon: z.number(),
  leadsThenWon: z.number(),
  leadToSalesReady: z.number().nullable(),
  salesReadyToOpportunity: z.number().nullable(),
  opportunityToWon: z.number().nullable(),
  leadToWon: z.number().nullable(),
  medianDaysToSalesReady: z.number().nullable(),
  p75DaysToSalesReady: z.number().nullable(),
  medianDaysToWon: z.number().nullable(),
  spend: z.number().nullable(),
  costPerLead: z.number().nullable(),
  costPerSalesReady: z.number().nullable(),
  costPerOpportunity: z.number().nullable(),
  costPerWon: z.number().nullable(),
  salesCost: z.number().nullable(),
  cac: z.number().nullable(),
});

/** What a rate divides: two of the figures beside it, and the words for both. */
const rateBasis = z.object({
  numerator: sourceFigures.keyof(),
  denominator: sourceFigures.keyof(),
  description: z.string(),
  fromCountsBeside: z.boolean(),
});

const filters = z.object({
  sourceIds: z.array(z.number()).optional(),
  categories: z.array(z.enum(['marketing', 'sales', 'partner', 'other'])).optional(),
  segments: z.array(z.string()).optional(),
  countries: z.array(z.string()).optional(),
  owners: z.array(z.string()).optional(),
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

/** GET /api/metrics/attribution */

export const metricsAttributionAnswer = z.object({
  period: period,
  timezone: z.string(),
  filters: filters,
  marketing: z.object({
    influenceWindowDays: z.number(),
    pipeline: pipeline,
    revenue: pipeline,
    bySource: z.array(
      z.object({
        sourceId: z.number().int().nullable(),
        source: z.string(),
        category: z.enum(['marketing', 'sales', 'partner', 'other']),
        pipeline: pipeline,
        revenue: pipeline,
      }),
    ),
  }),
  models: z.array(z.enum(['firstTouch', 'lastTouch', 'linear'])),
  rows: z.array(
    z.object({
      sourceId: z.number().int().nullable(),
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

/** GET /api/metrics/sources */
export const metricsSourcesAnswer = z.object({
  view: z.enum(['period', 'cohort']),
  rateBases: z.object({
    salesReadyRate: rateBasis,
    wonRate: rateBasis,
    leadToSalesReady: rateBasis,
    salesReadyToOpportunity: rateBasis,
    opportunityToWon: rateBasis,
    leadToWon: rateBasis,
  }),
  rows: z.array(
    sourceFigures.extend({
      sourceId: z.number().int().nullable(),
      source: z.string(),
      category,
    }),
  ),
  byCategory: z.array(sourceFigures.extend({ category })),
  totals: sourceFigures,
  period: period,
  timezone: z.string(),
  filters: filters,
});

/** GET /api/metrics/campaigns */
export const metricsCampaignsAnswer = z.object({
  view: z.enum(['period', 'cohort']),
  rows: z.array(
    sourceFigures
      .pick({
        leads: true,
        salesReady: true,
        opportunities: true,
        won: true,
        revenue: true,
        spend: true,
        costPerLead: true,
        costPerSalesReady: true,
        costPerOpportunity: true,
        costPerWon: true,
      })
      .extend({ sourceId: z.number().int(), source: z.string(), campaign: z.string() }),
  ),
  more: z.number().int(),
  unsplitSpend: z.array(z.object({ sourceId: z.number().int(), source: z.string(), spend: z.number() })),
  period: period,
  timezone: z.string(),
  filters: filters,
});
