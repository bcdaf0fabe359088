import { z } from 'zod';
import { period } from './responses';

// Pacing against targets and its alerts, answered as these zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

const rows = z.object({
  sourceId: z.number().int().nullable(),
  source: z.string(),
  basis: z.enum(['own', 'historical-share', 'none', 'unallocated']),
  allocatedTarget: z.number(),
  projection: z.number(),
  gap: z.number(),
  shareOfGap: z.number().nullable(),
  cause: z.enum(['winRate', 'volume', 'conversion', 'speed', 'opportunityRate']).nullable(),
});

const leads = z.object({
  metric: z.enum(['leads', 'salesReady', 'pipeline', 'revenue']),
  unit: z.enum(['count', 'amount']),
  overall: z.object({
    target: z.number().nullable(),
    actualToDate: z.number(),
    expectedShare: z.number(),
    expectedToDate: z.number().nullable(),
    pacing: z.number().nullable(),
    projection: z.number(),
    projectionLow: z.number(),
    projectionHigh: z.number(),
    gap: z.number().nullable(),
    projectionParts: z.object({ actualToDate: z.number(), runRate: z.number(), funnel: z.number() }),
  }),
  sources: z.array(
    z.object({
      sourceId: z.number().int().nullable(),
      source: z.string(),
      category: z.enum(['marketing', 'sales', 'partner', 'other']).nullable(),
      historicalShare: z.number().nullable(),
      drivers: z.array(
        z.object({
          driver: z.enum(['winRate', 'volume', 'conversion', 'speed', 'opportunityRate']),
          index: z.number().nullable(),
          actual: z.number().nullable(),
          expected: z.number().nullable(),
        }),
      ),
      causes: z.array(z.enum(['winRate', 'volume', 'conversion', 'speed', 'opportunityRate'])),
      target: z.number().nullable(),
      actualToDate: z.number(),
      expectedShare: z.number(),
      expectedToDate: z.number().nullable(),
      pacing: z.number().nullable(),
      projection: z.number(),
      projectionLow: z.number(),
      projectionHigh: z.number(),
      gap: z.number().nullable(),
      projectionParts: z.object({ actualToDate: z.number(), runRate: z.number(), funnel: z.number() }),
    }),
  ),
  explained: z
    .object({
      gap: z.number(),
      shortfall: z.number(),
      offset: z.number(),
      coveredBy: z.array(
        z.object({
          sourceId: z.number().int().nullable(),
          source: z.string(),
          basis: z.enum(['own', 'historical-share', 'none', 'unallocated']),
          surplus: z.number(),
        }),
      ),
      rows: z.array(rows),
      largest: rows.nullable(),
    })
    .nullable(),
  closing: z
    .object({
      weeksRemaining: z.number(),
      requiredPerWeek: z.number(),
      projectedPerWeek: z.number(),
      perWeek: z.number(),
      feeder: z.enum(['leads', 'salesReady', 'pipeline', 'revenue']).nullable(),
      feederPerWeek: z.number().nullable(),
      sources: z.array(
        z.object({
          sourceId: z.number().int().nullable(),
          source: z.string(),
          perWeek: z.number(),
          feeder: z.enum(['leads', 'salesReady', 'pipeline', 'revenue']).nullable(),
          feederPerWeek: z.number().nullable(),
          feederYield: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
  trackRecord: z
    .object({
      rangeFrom: z.enum(['record', 'model']),
      week: z.number(),
      recorded: z.number(),
      quarters: z.number(),
      medianAbsError: z.number().nullable(),
      lean: z.number().nullable(),
      withinTenPercent: z.number(),
      rangeHeld: z.number().nullable(),
      coverage: z.number().nullable(),
      tooShort: z.boolean(),
    })
    .optional(),
});

const alerts = z.object({
  id: z.string(),
  severity: z.enum(['critical', 'warning', 'info']),
  metric: z.enum([
    'leads',
    'salesReady',
    'pipeline',
    'revenue',
    'neglected',
    'stalled',
    'speedToLead',
    'nextQuarterPipeline',
  ]),
  title: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()]).nullable()),
  link: z.string(),
});

/** GET /api/metrics/alerts */
export const metricsAlertsAnswer = z.object({
  generatedAt: z.string(),
  quarter: z.string(),
  asOf: z.string(),
  alerts: z.array(alerts),
});

/** GET /api/metrics/pacing */
export const metricsPacingAnswer = z.object({
  quarter: period,
  asOf: z.string(),
  timezone: z.string(),
  closed: z.boolean(),
  daysElapsed: z.number(),
  daysInQuarter: z.number(),
  weeksRemaining: z.number(),
  history: z.object({ quarters: z.array(z.string()), shape: z.enum(['linear', 'historical']) }),
  metrics: z.object({ leads: leads, salesReady: leads, pipeline: leads, revenue: leads }),
  nextQuarter: z.object({
    quarter: z.string(),
    openPipelineNow: z.number(),
    startingPipeline: z.number(),
    revenueTarget: z.number().nullable(),
    winRate: z.number().nullable(),
    slippage: z.number().nullable(),
    coverageNeeded: z.number().nullable(),
    requiredPipeline: z.number().nullable(),
    coverage: z.number().nullable(),
    shortfall: z.number().nullable(),
    trend: z
      .array(
        z.object({
          week: z.number(),
          asOf: z.string(),
          startingPipeline: z.number(),
          revenueTarget: z.number().nullable(),
          coverage: z.number().nullable(),
          coverageNeeded: z.number().nullable(),
          requiredPipeline: z.number().nullable(),
        }),
      )
      .optional(),
  }),
});

/** POST /api/metrics/alerts/run */
export const postMetricsAlertsRunAnswer = z.object({
  generatedAt: z.string(),
  quarter: z.string(),
  asOf: z.string(),
  alerts: z.array(alerts),
  ranAt: z.string(),
});
