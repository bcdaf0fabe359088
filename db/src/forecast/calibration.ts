import { defined } from '../defined';
import type { PacingMetric } from '../queries/pacing/quarter-shapes';

/**
 * The forecast's calibration from its own track record (docs/decisions/0025). A past quarter's
 * projection at a week of it, and what the quarter came to, give a relative error
 * `final ÷ projection − 1`; the errors around this week of the quarter, applied to today's projection,
 * make the range. Errors shrink as quarters advance, so the range narrows.
 */

/** Fewer past quarters than this in the record: the range stays the model's, and the product says so. */
export const minRecordQuarters = 4;
/** The errors of the weeks this close to the one asked are pooled (more samples, still this week's size). */
export const poolWeeks = 1;
/** Last week of a quarter the record keeps (a quarter has 13 weeks, the 13th sometimes short). */
export const quarterWeeks = 13;

export interface RecordRow {
  quarter: string;
  week: number;
  metric: PacingMetric;
  actualToDate: number;
  projection: number;
  low: number;
  high: number;
  final: number;
}

export interface CalibratedRange {
  low: number;
  high: number;
}

/** What the record says of one metric at one week of the quarter. */
export interface TrackRecord {
  week: number;
  /** Past quarters in the record. */
  recorded: number;
  /** Of them, those with a projection at this week and a non-zero final. */
  quarters: number;
  /** Median of |projection − final| ÷ final at this week. */
  medianAbsError: number | null;
  /** Median of (projection − final) ÷ final: positive leans high. */
  lean: number | null;
  /** Quarters whose projection at this week was within 10% of the final. */
  withinTenPercent: number;
  /** Quarters whose calibrated range (from the other quarters' errors) held the final. */
  rangeHeld: number | null;
  /** rangeHeld ÷ quarters. */
  coverage: number | null;
  /** True when the record is too short to calibrate (fewer than `minRecordQuarters` quarters). */
  tooShort: boolean;
}

/** The week of the quarter a day falls in (1 = days 1–7), capped at the quarter's last. */
export function weekOfQuarter(daysElapsed: number): number {
  return Math.min(quarterWeeks, Math.max(1, Math.ceil(daysElapsed / 7)));
}

/** The q-quantile of values by linear interpolation between order statistics (as numpy's default). */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return defined(sorted[lo]) + (defined(sorted[hi]) - defined(sorted[lo])) * (at - lo);
}

const median = (values: number[]) => quantile(values, 0.5);

/** The relative errors `final ÷ projection − 1` of the record's rows near `week`, but `exceptQuarter`'s. */
export function errorsNear(
  rows: RecordRow[],
  metric: PacingMetric,
  week: number,
  exceptQuarter?: string,
): number[] {
  return rows
    .filter(
      (r) =>
        r.metric === metric &&
        Math.abs(r.week - week) <= poolWeeks &&
        r.quarter !== exceptQuarter &&
        r.projection > 0,
    )
    .map((r) => r.final / r.projection - 1);
}

/** Quarters with at least one row of `metric` in the record. */
function quartersOf(rows: RecordRow[], metric: PacingMetric): string[] {
  return [...new Set(rows.filter((r) => r.metric === metric).map((r) => r.quarter))];
}

/**
 * The k-th smallest and largest of `errors`, k = ⌊(n + 1) × 0.1⌋ (at least 1), hold a next exchangeable error
 * with probability (n + 1 − 2k) ÷ (n + 1) ≥ 80% (conformal rule); the plain 10th and 90th percentiles of so
 * few points held the final only about 70% of the time in the back-test.
 */
export function eightyPercentBounds(errors: number[]): [number, number] | null {
  if (errors.length === 0) return null;
  const sorted = [...errors].sort((a, b) => a - b);
  const k = Math.max(1, Math.floor((sorted.length + 1) * 0.1));
  return [defined(sorted[k - 1]), defined(sorted[sorted.length - k])];
}

/**
 * Today's range from the record's errors near this week, `eightyPercentBounds` applied to the
 * projection, never below what has already happened (the metrics only add up within a quarter).
 * Null when the record is too short.
 */
export function calibratedRange(
  rows: RecordRow[],
  metric: PacingMetric,
  week: number,
  today: { projection: number; actualToDate: number },
  exceptQuarter?: string,
): CalibratedRange | null {
  const quarters = quartersOf(rows, metric).filter((q) => q !== exceptQuarter);
  if (quarters.length < minRecordQuarters - (exceptQuarter ? 1 : 0)) return null;
  const bounds = eightyPercentBounds(errorsNear(rows, metric, week, exceptQuarter));
  if (!bounds) return null;
  const low = Math.max(today.actualToDate, today.projection * (1 + bounds[0]));
  return { low, high: Math.max(low, today.projection * (1 + bounds[1])) };
}

/**
 * How the method did at `week` on the record's quarters: its median error and lean, and how often the
 * calibrated range held the final, each quarter's range made from the other quarters only (a range is
 * never judged on the errors it was made of).
 */
export function trackRecordAt(rows: RecordRow[], metric: PacingMetric, week: number): TrackRecord {
  const atWeek = rows.filter((r) => r.metric === metric && r.week === week && r.final > 0);
  const errors = atWeek.map((r) => (r.projection - r.final) / r.final);
  const recorded = quartersOf(rows, metric).length;
  const tooShort = recorded < minRecordQuarters;
  let held = 0;
  for (const r of atWeek) {
    const range = calibratedRange(rows, metric, week, r, r.quarter);
    if (range && r.final >= range.low - 1e-9 && r.final <= range.high + 1e-9) held++;
  }
  return {
    week,
    recorded,
    quarters: atWeek.length,
    medianAbsError: median(errors.map(Math.abs)),
    lean: median(errors),
    withinTenPercent: errors.filter((e) => Math.abs(e) <= 0.1).length,
    rangeHeld: tooShort ? null : held,
    coverage: tooShort || atWeek.length === 0 ? null : held / atWeek.length,
    tooShort,
  };
}
