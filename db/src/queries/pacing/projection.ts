import type { PacingInputs } from './pacing-inputs';
import {
  ALL_SOURCES,
  type PacingFigures,
  RUN_RATE_CREDIBILITY,
  ratio,
  UNMEASURED_SPREAD_HIGH,
  UNMEASURED_SPREAD_LOW,
} from './pacing-model';
import { minShapeQuarters } from './pacing-window';
import { type PacingMetric, pacingMetrics } from './quarter-shapes';

/** What is still to come before quarter end: from units not yet created (run rate) and from the funnel. */
export interface StillToCome {
  runRate: number;
  funnel: number;
}

export interface SourceProjections {
  /** Per metric, per source key. */
  parts: Map<PacingMetric, Map<number, StillToCome>>;
  /** Open opportunity amount at the cutoff, and the part of it (and of pipeline still to come) open at quarter end. */
  startingPipeline: { open: number; still: number };
}

/**
 * The still-to-come parts per source, down the funnel: leads still to be created (the run rate along
 * the shape, blended with the usual final), then each stage's yield of what the stage before brings
 * plus what waits in it, times this quarter's conversion quality (docs/pacing.md).
 */
export function projectSources(inputs: PacingInputs): SourceProjections {
  const { w } = inputs;
  const parts = new Map<PacingMetric, Map<number, StillToCome>>(pacingMetrics.map((m) => [m, new Map()]));
  const put = (metric: PacingMetric, key: number, p: StillToCome) => parts.get(metric)?.set(key, p);
  const startingPipeline = { open: 0, still: 0 };
  for (const { key } of inputs.sources) {
    const leadsRemaining = leadsStillToCome(inputs, key, w.daysElapsed < w.daysInQuarter);
    put('leads', key, { runRate: leadsRemaining, funnel: 0 });

    const toReady = inputs.curve('salesReady', key);
    const readyQuality = inputs.quality(toReady);
    const readyNew = leadsRemaining * toReady.yield * readyQuality;
    const readyFunnel = readyQuality * toReady.expectedCurrent + toReady.expectedOlder;
    put('salesReady', key, { runRate: readyNew, funnel: readyFunnel });

    const toOpportunity = inputs.curve('opportunity', key);
    const opportunityQuality = inputs.quality(toOpportunity);
    const meanAmount = inputs.meanAmount(toOpportunity);
    const pipelineNew = (readyNew + readyFunnel) * toOpportunity.yield * opportunityQuality * meanAmount;
    const pipelineFunnel =
      opportunityQuality * toOpportunity.expectedAmountCurrent + toOpportunity.expectedAmountOlder;
    put('pipeline', key, { runRate: pipelineNew, funnel: pipelineFunnel });

    const toWon = inputs.curve('won', key);
    const wonQuality = inputs.quality(toWon);
    const revenueNew = (pipelineNew + pipelineFunnel) * toWon.yield * wonQuality;
    const revenueFunnel = wonQuality * toWon.expectedAmountCurrent + toWon.expectedAmountOlder;
    put('revenue', key, { runRate: revenueNew, funnel: revenueFunnel });

    const toClosed = inputs.curve('closed', key);
    startingPipeline.open += toClosed.openAmount;
    startingPipeline.still += toClosed.stillOpenAmount + (pipelineNew + pipelineFunnel) * toClosed.openYield;
  }
  return { parts, startingPipeline };
}

/**
 * Leads a source still creates this quarter: the trailing window's rate along the shape, blended with
 * the usual final (the prior) by how many leads the window holds or should hold.
 */
function leadsStillToCome(inputs: PacingInputs, key: number, daysLeft: boolean): number {
  if (!daysLeft) return 0;
  const leads = inputs.row('leads', key);
  const shape = inputs.shape('leads', key);
  const rate = shape.windowShare > 0 ? leads.actualWindow / shape.windowShare : null;
  const prior = leads.prior;
  let final = leads.actual;
  if (rate !== null && prior !== null) {
    const weight = Math.max(prior * shape.windowShare, leads.actualWindow);
    const credibility = weight / (weight + RUN_RATE_CREDIBILITY);
    final = credibility * rate + (1 - credibility) * prior;
  } else if (rate !== null) final = rate;
  else if (prior !== null) final = prior;
  return Math.max(0, final * (1 - shape.share));
}

/**
 * One metric's figures for a source key (or ALL_SOURCES): actual, expected to date, the projection and
 * its P10–P90 range. The range scales what is still to come by how wrong the shape has been in the
 * history quarters (the shape rows' spread), or ±25% when that cannot be measured.
 */
export function projectionFigures(
  inputs: PacingInputs,
  metric: PacingMetric,
  key: number,
  still: StillToCome,
): PacingFigures {
  // Once no day is left, nothing is still to come: the projection is the actual, its range empty.
  const remaining = inputs.w.daysRemaining === 0 ? { runRate: 0, funnel: 0 } : still;
  const r = inputs.row(metric, key);
  const t = inputs.target(metric, key);
  const { share } = inputs.shape(metric, key);
  const rest = remaining.runRate + remaining.funnel;
  const spreadFrom = r.quarters >= minShapeQuarters ? r : inputs.row(metric, ALL_SOURCES);
  const low = spreadFrom.spreadLow ?? UNMEASURED_SPREAD_LOW;
  const high = spreadFrom.spreadHigh ?? UNMEASURED_SPREAD_HIGH;
  const projection = r.actual + rest;
  const expectedToDate = t === null ? null : t * share;
  return {
    target: t,
    actualToDate: r.actual,
    expectedShare: share,
    expectedToDate,
    pacing: expectedToDate === null ? null : ratio(r.actual, expectedToDate),
    projection,
    projectionLow: r.actual + rest * Math.max(0, Math.min(low, 1)),
    projectionHigh: r.actual + rest * Math.max(1, high),
    gap: t === null ? null : t - projection,
    projectionParts: { actualToDate: r.actual, runRate: remaining.runRate, funnel: remaining.funnel },
  };
}
