import { z } from 'zod';
import { metricsHandoffAnswer } from './handoff-answers';
import { metricsCohortsAnswer, metricsFunnelAnswer, metricsOverviewAnswer } from './metrics-answers';
import { metricsPacingAnswer } from './pacing-answers';
import { period } from './responses';
import { metricsAttributionAnswer, metricsSourcesAnswer } from './source-answers';

// The board pack preview, the share view, commentary, freezing and share links, as zod schemas.
// The OpenAPI document describes them (responds), test/api/openapi-responses.test.ts parses
// real answers with them, and test/unit/openapi-answer-types.test.ts holds them against the routes' types.

// The board pack shows a subset of the pages' figures: each part below is picked from the schema of
// the page it comes from, so a figure's shape is declared once.
const overview = metricsOverviewAnswer.shape;

const details = overview.details.pick({
  mqls: true,
  p75DaysToSalesReady: true,
  medianTouchesToSalesReady: true,
  touchesToSalesReady7To15Share: true,
  opportunities: true,
  pipeline: true,
  won: true,
  lost: true,
  winRate: true,
  medianSalesCycleDays: true,
});

const sourceFigures = {
  leads: true,
  salesReady: true,
  salesReadyRate: true,
  salesReadyToOpportunity: true,
  opportunityToWon: true,
  opportunities: true,
  won: true,
  revenue: true,
  spend: true,
  costPerSalesReady: true,
  medianDaysToSalesReady: true,
  p75DaysToSalesReady: true,
  medianDaysToWon: true,
} as const;

const sources = z.object({
  rows: z.array(
    metricsSourcesAnswer.shape.rows.element.pick({ ...sourceFigures, source: true, category: true }),
  ),
  totals: metricsSourcesAnswer.shape.totals.pick(sourceFigures),
});

// A closed quarter's metric has no projection left: those figures are absent, not null.
const paced = metricsPacingAnswer.shape.metrics.shape.leads.shape;
const explained = paced.explained.unwrap();
const pacedMetric = z.object({
  unit: paced.unit,
  overall: paced.overall
    .pick({
      target: true,
      actualToDate: true,
      gap: true,
      expectedToDate: true,
      pacing: true,
      projection: true,
      projectionLow: true,
      projectionHigh: true,
    })
    .partial({
      expectedToDate: true,
      pacing: true,
      projection: true,
      projectionLow: true,
      projectionHigh: true,
    }),
  explained: explained
    .pick({ shortfall: true, offset: true })
    .extend({
      coveredBy: z.array(explained.shape.coveredBy.element.pick({ source: true, surplus: true })),
      largest: explained.shape.largest
        .unwrap()
        .pick({ source: true, shareOfGap: true, cause: true })
        .nullable(),
    })
    .nullable(),
  closing: paced.closing
    .unwrap()
    .pick({ weeksRemaining: true, requiredPerWeek: true, projectedPerWeek: true })
    .nullable(),
});

const pacing = metricsPacingAnswer
  .pick({
    asOf: true,
    closed: true,
    daysElapsed: true,
    daysInQuarter: true,
    weeksRemaining: true,
    history: true,
  })
  .extend({
    metrics: z.object({
      leads: pacedMetric,
      salesReady: pacedMetric,
      pipeline: pacedMetric,
      revenue: pacedMetric,
    }),
  });

// The funnel's cohort-only figures are absent from a period-view pack.
const funnelShape = metricsFunnelAnswer.shape;
const funnel = z.object({
  stages: z.array(funnelShape.stages.element.partial({ converted: true, reachedFromCreated: true })),
  exits: z.array(funnelShape.exits.element.partial({ left: true })),
  anomalies: funnelShape.anomalies.pick({ leadsInScope: true, skippedAny: true, outOfOrder: true }),
});

const handoff = metricsHandoffAnswer
  .pick({ slaHours: true, stalledDays: true, neglected: true, stalled: true })
  .extend({
    overall: metricsHandoffAnswer.shape.overall.pick({
      salesReady: true,
      followedUp: true,
      withinSla: true,
      breached: true,
      pending: true,
      slaAttainment: true,
      medianHours: true,
      p75Hours: true,
      acceptedRate: true,
      rejectedRate: true,
      disqualifiedRate: true,
    }),
  });

const attributionShape = metricsAttributionAnswer.shape;
const attribution = z.object({
  rows: z.array(
    attributionShape.rows.element.pick({
      source: true,
      category: true,
      firstTouch: true,
      lastTouch: true,
      linear: true,
    }),
  ),
  totals: attributionShape.totals,
});

const contribution = attributionShape.marketing;
const marketing = contribution
  .pick({ pipeline: true, revenue: true, influenceWindowDays: true })
  .partial({ influenceWindowDays: true })
  .extend({
    bySource: z
      .array(
        contribution.shape.bySource.element.pick({
          source: true,
          category: true,
          pipeline: true,
          revenue: true,
        }),
      )
      .optional(),
  });

const cohorts = metricsCohortsAnswer.shape.cohorts.element.pick({
  label: true,
  leads: true,
  salesReady: true,
  won: true,
  salesReadyToDate: true,
  wonToDate: true,
  revenueToDate: true,
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

const commentary = z.object({
  section: z.enum(['sources', 'cohorts', 'funnel', 'speed', 'handoff', 'summary']),
  title: z.string(),
  body: z.string(),
});

/** A closed quarter's frozen figures: when, by whom, and the hash that seals them. */
const frozen = z.object({ frozenAt: z.string(), frozenBy: z.string().nullable(), hash: z.string() });

/** DELETE /api/reports/share-links/:id */
export const deleteReportsShareLinksIdAnswer = shareLink;

/** GET /api/reports/commentary, PUT /api/reports/commentary */
export const reportsCommentaryAnswer = z.object({
  quarter: z.string(),
  sections: z.array(
    commentary.extend({ updatedAt: z.string().nullable(), updatedBy: z.string().nullable() }),
  ),
});

/** GET /api/reports/freeze */
export const reportsFreezeAnswer = z.object({
  quarter: z.string(),
  current: z.string(),
  state: z.enum(['closed', 'open']),
  frozen: frozen.nullable(),
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
    frozen.pick({ frozenAt: true, hash: true }).extend({ state: z.literal('closed') }),
  ]),
  kpis: overview.kpis,
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
  frozen: frozen.nullable(),
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
  frozen.extend({ state: z.literal('closed'), quarter: z.string() }),
]);

/** POST /api/reports/share-links */
export const postReportsShareLinksAnswer = shareLink.extend({ token: z.string() });
