import type { TrackRecord } from '../../forecast/calibration';
import type { Period } from '../../periods';
import type { SourceCategory } from '../../schema/sources';
import type { TargetBasis } from './gap-decomposition';
import type { PacingMetric } from './quarter-shapes';

/**
 * Source keys of the pacing queries' rows. Every row is one source's (its id), the leads without a
 * source (`NO_SOURCE`) or every source in view together (`ALL_SOURCES`); the SQL writes them as 0 and −1.
 */
export const ALL_SOURCES = -1;
export const NO_SOURCE = 0;
export const NO_SOURCE_NAME = '(no source)';

/** Expected leads in the run-rate window at which the window's rate and the usual final weigh the same. */
export const RUN_RATE_CREDIBILITY = 20;
/** Pseudo-events added to observed and expected conversions before taking their ratio. */
export const QUALITY_CREDIBILITY = 20;
/**
 * This quarter's conversion quality multiplies what is still to come; it is clipped to [0.2, 3] so that a
 * handful of early conversions (or none) cannot zero or triple a projection.
 */
export const QUALITY_MIN = 0.2;
export const QUALITY_MAX = 3;
/**
 * The still-to-come part's P10 and P90 multipliers when the history is too short to measure how wrong
 * the shape has been (fewer than `minShapeQuarters` quarters): ±25%, a stated guess rather than a measure.
 */
export const UNMEASURED_SPREAD_LOW = 0.75;
export const UNMEASURED_SPREAD_HIGH = 1.25;
/** A volume or conversion driver below this index counts as a cause of the gap. */
export const SHORTFALL_INDEX = 0.9;
/** The speed driver (days to sales-ready against usual) above this index counts as a cause. */
export const SLOW_INDEX = 1.2;

export interface PacingFigures {
  target: number | null;
  actualToDate: number;
  /** Share of the quarter's final usually reached by now (historical shape, or linear). */
  expectedShare: number;
  expectedToDate: number | null;
  /** actualToDate ÷ expectedToDate. */
  pacing: number | null;
  projection: number;
  projectionLow: number;
  projectionHigh: number;
  /** target − projection: positive means short. */
  gap: number | null;
  /** projection = actualToDate + runRate + funnel. */
  projectionParts: { actualToDate: number; runRate: number; funnel: number };
}

/** What can lie behind a source's gap (named so as not to clash with the database driver's `DriverName`). */
export type GapDriver = 'volume' | 'conversion' | 'speed' | 'opportunityRate' | 'winRate';

export interface Driver {
  driver: GapDriver;
  /** 1 = as usual; below 1 short (volume, conversion rates), above 1 slow (speed). */
  index: number | null;
  actual: number | null;
  expected: number | null;
}

export interface SourcePacing extends PacingFigures {
  sourceId: number | null;
  source: string;
  category: SourceCategory | null;
  /** Share of the metric's history-quarter total that came from this source. */
  historicalShare: number | null;
  drivers: Driver[];
  /** Drivers below par, worst first; the first is the cause named for this source. */
  causes: GapDriver[];
}

export interface GapRow {
  sourceId: number | null;
  source: string;
  basis: TargetBasis | 'unallocated';
  allocatedTarget: number;
  projection: number;
  gap: number;
  /**
   * This row's gap ÷ the shortfall (the sum of the short rows' gaps), for a row short of its part:
   * in [0, 1], and the short rows' shares add up to 1. Null for a row on or ahead of its part (its
   * surplus is in `coveredBy`) and when no row is short.
   */
  shareOfGap: number | null;
  cause: GapDriver | null;
}

/** A row ahead of its part of the target: its surplus offsets the shortfall of the others. */
export interface GapOffset {
  sourceId: number | null;
  source: string;
  basis: TargetBasis | 'unallocated';
  /** −gap: how far ahead of its part it is projected (> 0). */
  surplus: number;
}

export interface GapExplained {
  /** shortfall − offset: the overall target − projection. */
  gap: number;
  /** Σ gaps of the rows short of their part (the unallocated target when positive included): what the shares divide. */
  shortfall: number;
  /** Σ surpluses of the rows ahead of their part (the unallocated target when negative included). */
  offset: number;
  /** The rows ahead of their part, largest surplus first. */
  coveredBy: GapOffset[];
  rows: GapRow[];
  /** The row adding most to the gap, when the metric is short. */
  largest: GapRow | null;
}

export interface ClosingSource {
  sourceId: number | null;
  source: string;
  /** This source's gap, per remaining week. */
  perWeek: number;
  /** What feeds the metric (leads for SRLs, SRLs for pipeline, pipeline for revenue) and how much more per week. */
  feeder: PacingMetric | null;
  feederPerWeek: number | null;
  /** Metric gained before quarter end per extra feeder unit created from now on (historical). */
  feederYield: number | null;
}

export interface Closing {
  weeksRemaining: number;
  /** (target − actual) ÷ weeks remaining: the pace that reaches the target. */
  requiredPerWeek: number;
  /** (projection − actual) ÷ weeks remaining: the pace the projection assumes. */
  projectedPerWeek: number;
  /** gap ÷ weeks remaining, overall and per source short of its part. */
  perWeek: number;
  feeder: PacingMetric | null;
  feederPerWeek: number | null;
  sources: ClosingSource[];
}

export interface MetricPacing {
  metric: PacingMetric;
  unit: 'count' | 'amount';
  overall: PacingFigures;
  sources: SourcePacing[];
  explained: GapExplained | null;
  closing: Closing | null;
  /**
   * How the same method did at this week of past quarters, and where the overall range comes from
   * (db/src/forecast): set for the whole company's open quarter, absent with a lead filter or once closed.
   */
  trackRecord?: TrackRecordAtWeek;
}

export interface TrackRecordAtWeek extends TrackRecord {
  /** `record`: the range is calibrated from the record's errors; `model`: the record is too short. */
  rangeFrom: 'record' | 'model';
}

export interface NextQuarterPipeline {
  quarter: string;
  /** Open opportunity amount at the cutoff. */
  openPipelineNow: number;
  /** Projected open amount on the next quarter's first day. */
  startingPipeline: number;
  revenueTarget: number | null;
  /** Won ÷ (won + lost) amount of opportunities closed in the history window. */
  winRate: number | null;
  /** Of the pipeline open at the start of the history quarters, the share (by amount) still open at their end. */
  slippage: number | null;
  /** 1 ÷ (win rate × (1 − slippage)). */
  coverageNeeded: number | null;
  requiredPipeline: number | null;
  /** startingPipeline ÷ revenueTarget. */
  coverage: number | null;
  shortfall: number | null;
  /**
   * The same, as projected at the end of each week of the quarter that is over (kept by the track-record
   * job; set for the whole company's open quarter only).
   */
  trend?: CoverageWeek[];
}

/** Next quarter's starting pipeline and coverage as projected at the end of one week of the quarter. */
export interface CoverageWeek {
  week: number;
  asOf: string;
  startingPipeline: number;
  revenueTarget: number | null;
  coverage: number | null;
  coverageNeeded: number | null;
  requiredPipeline: number | null;
}

export interface QuarterPacing {
  quarter: Period;
  asOf: string;
  timezone: string;
  /**
   * No day of the quarter is left after `asOf`: the figures are final, projection = actual (no range,
   * nothing still to come) and gap = target − actual. Every surface reads this rather than the days.
   */
  closed: boolean;
  daysElapsed: number;
  daysInQuarter: number;
  weeksRemaining: number;
  history: { quarters: string[]; shape: 'historical' | 'linear' };
  metrics: Record<PacingMetric, MetricPacing>;
  nextQuarter: NextQuarterPipeline;
}

export const ratio = (a: number, b: number | null) => (b === null || b === 0 ? null : a / b);

export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
