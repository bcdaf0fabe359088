import { funnelStages } from '@salesready/db/queries/funnel/funnel-report';
import type { QuarterPacing } from '@salesready/db/queries/pacing/quarter-pacing';
import { pacingMetrics } from '@salesready/db/queries/pacing/quarter-shapes';
import { commentarySections } from '@salesready/db/schema/reports';
import { sourceCategories } from '@salesready/db/schema/sources';
import { z } from 'zod';
import type { PackSource } from './board-pack/frozen-figures';
import type { SectionCommentary } from './commentary';

/*
 * A share link's page: the board pack's figures for one quarter, aggregated only. The schema is the
 * allow-list: parsing strips every key it does not name (source ids, owners, disqualify reasons, per-source
 * pacing), so a field added to a query later never reaches a visitor without someone adding it here.
 */

const count = z.number();
const amount = z.number();
const rate = z.number().nullable();
const days = z.number().nullable();

const compared = <T extends z.ZodType>(figure: T) =>
  z.object({ value: figure, previous: figure, yearAgo: figure });

const period = z.object({ label: z.string(), from: z.string(), to: z.string() });

const kpis = z.object({
  leads: compared(count),
  salesReady: compared(count),
  salesReadyRate: compared(rate),
  medianDaysToSalesReady: compared(days),
  wonRevenue: compared(amount),
});

const details = z.object({
  mqls: compared(count),
  p75DaysToSalesReady: compared(days),
  medianTouchesToSalesReady: compared(z.number().nullable()),
  touchesToSalesReady7To15Share: compared(rate),
  opportunities: compared(count),
  pipeline: compared(amount),
  won: compared(count),
  lost: compared(count),
  winRate: compared(rate),
  medianSalesCycleDays: compared(days),
});

const driver = z.enum(['volume', 'conversion', 'speed', 'opportunityRate', 'winRate']);

const metricPacing = z.object({
  unit: z.enum(['count', 'amount']),
  overall: z.object({
    target: z.number().nullable(),
    actualToDate: z.number(),
    // Absent once the quarter is closed: nothing is expected or projected after it has ended.
    expectedToDate: z.number().nullable().optional(),
    pacing: rate.optional(),
    projection: z.number().optional(),
    projectionLow: z.number().optional(),
    projectionHigh: z.number().optional(),
    /** target − projection; target − actual once the quarter is closed. */
    gap: z.number().nullable(),
  }),
  explained: z
    .object({
      /** The short sources' gaps, which the shares divide, and what the sources ahead cover of it. */
      shortfall: z.number(),
      offset: z.number(),
      coveredBy: z.array(z.object({ source: z.string(), surplus: z.number() })),
      largest: z.object({ source: z.string(), shareOfGap: rate, cause: driver.nullable() }).nullable(),
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
  history: z.object({ quarters: z.array(z.string()), shape: z.enum(['historical', 'linear']) }),
  metrics: z.object(
    Object.fromEntries(pacingMetrics.map((m) => [m, metricPacing])) as Record<
      (typeof pacingMetrics)[number],
      typeof metricPacing
    >,
  ),
});

const sourceFigures = {
  leads: count,
  salesReady: count,
  salesReadyRate: rate,
  salesReadyToOpportunity: rate,
  opportunityToWon: rate,
  opportunities: count,
  won: count,
  revenue: amount,
  spend: z.number().nullable(),
  costPerSalesReady: z.number().nullable(),
  medianDaysToSalesReady: days,
  p75DaysToSalesReady: days,
  medianDaysToWon: days,
};

const sources = z.object({
  rows: z.array(z.object({ source: z.string(), category: z.enum(sourceCategories), ...sourceFigures })),
  totals: z.object(sourceFigures),
});

const contribution = z.object({
  total: amount,
  deals: count,
  sourced: amount,
  sourcedDeals: count,
  influenced: amount,
  influencedDeals: count,
  sourcedShare: rate,
  influencedShare: rate,
});

const attribution = z.object({
  rows: z.array(
    z.object({
      source: z.string(),
      category: z.enum(sourceCategories),
      firstTouch: amount,
      lastTouch: amount,
      linear: amount,
    }),
  ),
  totals: z.object({
    wonRevenue: amount,
    deals: count,
    firstTouch: amount,
    lastTouch: amount,
    linear: amount,
  }),
});

const funnel = z.object({
  stages: z.array(
    z.object({
      stage: z.enum(funnelStages),
      count,
      stepConversion: rate,
      // The rates' numerators; optional: a pack frozen before they were answered holds neither.
      converted: z.number().nullable().optional(),
      cumulativeConversion: rate,
      reachedFromCreated: count.optional(),
      dropOff: z.number().nullable(),
      dropOffRate: rate,
      medianDaysInStage: days,
    }),
  ),
  exits: z.array(
    z.object({
      stage: z.enum(['lost', 'disqualified']),
      from: z.enum(funnelStages),
      count,
      conversion: rate,
      left: count.optional(),
    }),
  ),
  anomalies: z.object({ leadsInScope: count, skippedAny: count, outOfOrder: count }),
});

const ages = z.object({ d30: rate, d60: rate, d90: rate, d180: rate, toDate: rate });

const cohorts = z.array(
  z.object({
    label: z.string(),
    leads: count,
    salesReady: ages,
    won: ages,
    salesReadyToDate: count,
    wonToDate: count,
    revenueToDate: amount,
  }),
);

const handoff = z.object({
  salesReady: count,
  followedUp: count,
  withinSla: count,
  breached: count,
  pending: count,
  slaAttainment: rate,
  medianHours: z.number().nullable(),
  p75Hours: z.number().nullable(),
  acceptedRate: rate,
  rejectedRate: rate,
  disqualifiedRate: rate,
});

export const sharedViewSchema = z.object({
  quarter: period,
  previous: period,
  yearAgo: period,
  /** Days of the quarter elapsed while it is in progress (comparisons are cut to as many), else null. */
  daysElapsed: z.number().nullable(),
  expiresAt: z.date(),
  currency: z.string(),
  timezone: z.string(),
  /** When these figures were read: the freeze for a closed quarter, this request for an open one. */
  figuresAsOf: z.date(),
  /** The latest change to any lead when the figures were read. */
  freshness: z.date().nullable(),
  status: z.discriminatedUnion('state', [
    z.object({ state: z.literal('open') }),
    z.object({ state: z.literal('unfrozen') }),
    z.object({ state: z.literal('closed'), frozenAt: z.date(), hash: z.string() }),
  ]),
  kpis,
  details,
  pacing,
  sources,
  marketing: z.object({
    // Optional: a pack frozen before influence had a window holds neither.
    influenceWindowDays: count.optional(),
    pipeline: contribution,
    revenue: contribution,
    bySource: z
      .array(
        z.object({
          source: z.string(),
          category: z.enum(sourceCategories),
          pipeline: contribution,
          revenue: contribution,
        }),
      )
      .optional(),
  }),
  attribution,
  funnel,
  cohortRange: period,
  cohorts,
  handoff: z.object({
    slaHours: z.number(),
    stalledDays: z.number(),
    overall: handoff,
    neglected: count,
    stalled: count,
  }),
  commentary: z.array(z.object({ section: z.enum(commentarySections), title: z.string(), body: z.string() })),
});

export type SharedView = z.output<typeof sharedViewSchema>;

/** A closed quarter's pacing as a visitor reads it: actual against target and the gap, nothing projected. */
function closedPacing(p: QuarterPacing): z.input<typeof pacing> {
  const metrics = Object.fromEntries(
    pacingMetrics.map((metric) => {
      const m = p.metrics[metric];
      const { target, actualToDate, gap } = m.overall;
      return [
        metric,
        { unit: m.unit, overall: { target, actualToDate, gap }, explained: m.explained, closing: null },
      ];
    }),
  ) as z.input<typeof pacing>['metrics'];
  return { ...p, metrics };
}

/** The visitor's view of a quarter: the board pack's own figures (frozen or live), cut to the allow-list. */
export function sharedView(
  { data, status }: PackSource,
  link: { expiresAt: Date },
  commentary: SectionCommentary[],
): SharedView {
  // Typed against the schema's input, so a query whose shape drifts fails the build, not a visitor.
  const input: z.input<typeof sharedViewSchema> = {
    quarter: data.quarter,
    previous: data.periods.previous,
    yearAgo: data.periods.yearAgo,
    daysElapsed: data.periods.daysElapsed,
    expiresAt: link.expiresAt,
    currency: data.currency,
    timezone: data.timezone,
    figuresAsOf: status.state === 'closed' ? status.frozenAt : data.generatedAt,
    freshness: data.freshness,
    status,
    kpis: data.kpis,
    details: data.details,
    pacing: data.pacing.closed ? closedPacing(data.pacing) : data.pacing,
    sources: data.sources,
    marketing: data.marketing,
    attribution: data.attribution,
    funnel: data.funnel,
    cohortRange: data.cohortRange,
    cohorts: data.cohorts,
    handoff: {
      slaHours: data.slaHours,
      stalledDays: data.stalledDays,
      overall: data.handoff.overall,
      neglected: data.neglected,
      stalled: data.stalled,
    },
    commentary: commentary.filter((s) => s.body !== ''),
  };
  return sharedViewSchema.parse(input);
}
