import type { MetricPacing, QuarterPacing } from '../queries/pacing/quarter-pacing';
import { pacingMetrics } from '../queries/pacing/quarter-shapes';
import { calibratedRange, type RecordRow, trackRecordAt, weekOfQuarter } from './calibration';

/**
 * The quarter's pacing with each metric's track record at this week of the quarter, and the overall
 * P10–P90 range calibrated from it when the record is long enough (else the model's range, flagged).
 * A new object: the pacing given may be a kept answer shared by other requests.
 */
export function withTrackRecord(pacing: QuarterPacing, rows: RecordRow[]): QuarterPacing {
  const week = weekOfQuarter(pacing.daysElapsed);
  const metrics = { ...pacing.metrics };
  for (const metric of pacingMetrics) {
    const current = pacing.metrics[metric];
    const range = calibratedRange(rows, metric, week, current.overall);
    const next: MetricPacing = {
      ...current,
      overall: range
        ? { ...current.overall, projectionLow: range.low, projectionHigh: range.high }
        : current.overall,
      trackRecord: { ...trackRecordAt(rows, metric, week), rangeFrom: range ? 'record' : 'model' },
    };
    metrics[metric] = next;
  }
  return { ...pacing, metrics };
}
