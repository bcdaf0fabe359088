import { z } from 'zod';
import { compared, comparedOrNone, period } from './responses';

// The overview, funnel, trend, cohorts, speed, changes and periods, answered as these zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

const filters = z.object({
  sourceIds: z.array(z.number()).optional(),
  categories: z.array(z.enum(['marketing', 'sales', 'partner', 'other'])).optional(),
  segments: z.array(z.string()).optional(),
  countries: z.array(z.string()).optional(),
  owners: z.array(z.string()).optional(),
});

const salesReady = z.object({
  d30: z.number().nullable(),
  d60: z.number().nullable(),
  d90: z.number().nullable(),
  d180: z.number().nullable(),
  toDate: z.number().nullable(),
});

/** GET /api/metrics/changes */
export const metricsChangesAnswer = z.object({
  period: period,
  previous: period,
  daysElapsed: z.number().nullable(),
  timezone: z.string(),
  filters: filters,
  totals: z.object({
    salesReady: z.object({ current: z.number(), previous: z.number() }),
    pipeline: z.object({ current: z.number(), previous: z.number() }),
  }),
  changes: z.array(
    z.object({
      text: z.string(),
      metric: z.enum(['salesReady', 'pipeline']),
      sourceId: z.number().int().nullable(),
      source: z.string(),
      category: z.enum(['marketing', 'sales', 'partner', 'other']),
      current: z.number(),
      previous: z.number(),
      change: z.number(),
      relativeChange: z.number(),
      effect: z.number(),
    }),
  ),
});

/** GET /api/metrics/cohorts */
export const metricsCohortsAnswer = z.object({
  period: period,
  timezone: z.string(),
  grain: z.enum(['quarter', 'month']),
  asOf: z.string(),
  ages: z.array(z.union([z.literal(30), z.literal(60), z.literal(90), z.literal(180)])),
  filters: filters,
  cohorts: z.array(
    z.object({
      label: z.string(),
      from: z.string(),
      to: z.string(),
      leads: z.number(),
      salesReady: salesReady,
      won: salesReady,
      salesReadyToDate: z.number(),
      wonToDate: z.number(),
      revenueToDate: z.number(),
    }),
  ),
});

/** GET /api/metrics/funnel */
export const metricsFunnelAnswer = z.object({
  view: z.enum(['period', 'cohort']),
  rateBases: z.object({
    stepConversion: z.object({
      numerator: z.string(),
      denominator: z.string(),
      numeratorIsCount: z.boolean(),
    }),
    cumulativeConversion: z.object({
      numerator: z.string(),
      denominator: z.string(),
      numeratorIsCount: z.boolean(),
    }),
    exitConversion: z.object({
      numerator: z.string(),
      denominator: z.string(),
      numeratorIsCount: z.boolean(),
    }),
  }),
  stages: z.array(
    z.object({
      stage: z.enum(['salesReady', 'won', 'lead', 'mql', 'accepted', 'opportunity']),
      count: z.number(),
      stepConversion: z.number().nullable(),
      converted: z.number().nullable(),
      cumulativeConversion: z.number().nullable(),
      reachedFromCreated: z.number(),
      dropOff: z.number().nullable(),
      dropOffRate: z.number().nullable(),
      medianDaysInStage: z.number().nullable(),
    }),
  ),
  exits: z.array(
    z.object({
      stage: z.enum(['lost', 'disqualified']),
      count: z.number(),
      from: z.enum(['salesReady', 'won', 'lead', 'mql', 'accepted', 'opportunity']),
      conversion: z.number().nullable(),
      left: z.number(),
    }),
  ),
  anomalies: z.object({
    leadsInScope: z.number(),
    skipped: z.object({
      salesReady: z.number(),
      mql: z.number(),
      accepted: z.number(),
      opportunity: z.number(),
    }),
    skippedAny: z.number(),
    outOfOrder: z.number(),
  }),
  period: period,
  timezone: z.string(),
  filters: filters,
});

/** GET /api/metrics/overview */
export const metricsOverviewAnswer = z.object({
  period: period,
  previous: period,
  yearAgo: period,
  daysElapsed: z.number().nullable(),
  timezone: z.string(),
  filters: filters,
  kpis: z.object({
    leads: compared,
    salesReady: compared,
    salesReadyRate: comparedOrNone,
    medianDaysToSalesReady: comparedOrNone,
    wonRevenue: compared,
  }),
  details: z.object({
    mqls: compared,
    meanBantScore: comparedOrNone,
    p75DaysToSalesReady: comparedOrNone,
    medianTouchesToSalesReady: comparedOrNone,
    touchesToSalesReady7To15Share: comparedOrNone,
    opportunities: compared,
    pipeline: compared,
    won: compared,
    lost: compared,
    winRate: comparedOrNone,
    medianSalesCycleDays: comparedOrNone,
    leadVelocityRate: comparedOrNone,
  }),
});

/** GET /api/metrics/speed */
export const metricsSpeedAnswer = z.object({
  totals: z.object({
    salesReady: z.number(),
    measured: z.number(),
    medianDaysToSalesReady: z.number().nullable(),
    p75DaysToSalesReady: z.number().nullable(),
    medianTouchesToSalesReady: z.number().nullable(),
    touchesToSalesReady7To15Share: z.number().nullable(),
  }),
  bySource: z.array(
    z.object({
      sourceId: z.number().int().nullable(),
      source: z.string(),
      category: z.enum(['marketing', 'sales', 'partner', 'other']),
      salesReady: z.number(),
      measured: z.number(),
      medianDaysToSalesReady: z.number().nullable(),
      p75DaysToSalesReady: z.number().nullable(),
      medianTouchesToSalesReady: z.number().nullable(),
      touchesToSalesReady7To15Share: z.number().nullable(),
    }),
  ),
  days: z.array(z.object({ fromDays: z.number(), toDays: z.number().nullable(), leads: z.number() })),
  touches: z.array(z.object({ touches: z.number(), orMore: z.boolean(), leads: z.number() })),
  period: period,
  timezone: z.string(),
  filters: filters,
});

/** GET /api/metrics/trend */
export const metricsTrendAnswer = z.object({
  period: period,
  grain: z.enum(['quarter', 'week', 'month']),
  series: z.array(
    z.enum([
      'leads',
      'salesReady',
      'revenue',
      'won',
      'salesReadyRate',
      'medianDaysToSalesReady',
      'mqls',
      'opportunities',
    ]),
  ),
  points: z.array(
    z.union([
      z.object({
        leads: z.number().optional(),
        salesReady: z.number().optional(),
        revenue: z.number().optional(),
        won: z.number().optional(),
        salesReadyRate: z.number().nullable().optional(),
        medianDaysToSalesReady: z.number().nullable().optional(),
        mqls: z.number().optional(),
        opportunities: z.number().optional(),
        weekStart: z.string(),
      }),
      z.object({
        leads: z.number().optional(),
        salesReady: z.number().optional(),
        revenue: z.number().optional(),
        won: z.number().optional(),
        salesReadyRate: z.number().nullable().optional(),
        medianDaysToSalesReady: z.number().nullable().optional(),
        mqls: z.number().optional(),
        opportunities: z.number().optional(),
        label: z.string(),
        start: z.string(),
      }),
    ]),
  ),
  targets: z.object({ leads: z.number().nullable(), salesReady: z.number().nullable() }).nullable(),
});

/** GET /api/periods */
const namedQuarter = period.extend({ months: z.string() });
export const periodsAnswer = z.object({
  current: namedQuarter,
  today: z.string(),
  timezone: z.string(),
  fiscalYearStartMonth: z.number(),
  quarters: z.array(namedQuarter),
  planning: z.array(namedQuarter),
});
