import { minRecordQuarters, type TrackRecord } from '@salesready/db/forecast/calibration';

const pct = (v: number) => `${Math.round(Math.abs(v) * 100)}%`;
const quarters = (n: number) => `${n} ${n === 1 ? 'quarter' : 'quarters'}`;

/**
 * The forecast's track record in one sentence, the same on the pacing page and in the board pack:
 * how often this week's projection landed within 10% of the final, its median miss and lean, and how
 * often its range held the final.
 */
export function trackRecordSentence(record: TrackRecord): string {
  const n = record.quarters;
  if (record.recorded === 0) {
    return 'No track record yet: it is rebuilt each week from the quarters that have closed.';
  }
  if (n === 0) return `Track record: none of the last ${quarters(record.recorded)} had any to project.`;
  if (record.tooShort || record.rangeHeld === null) {
    return `Track record: ${quarters(n)} so far, too few to judge the range by (${minRecordQuarters} are needed), so the range is the model's own.`;
  }
  const lean =
    record.lean === null || Math.abs(record.lean) < 0.005
      ? 'no lean'
      : `leaning ${record.lean > 0 ? 'high' : 'low'} by ${pct(record.lean)}`;
  const miss = record.medianAbsError === null ? '' : ` (median miss ${pct(record.medianAbsError)}, ${lean})`;
  return `At week ${record.week}, this projection has been within 10% of the final in ${record.withinTenPercent} of the last ${quarters(n)}${miss}; its range held the final in ${record.rangeHeld} of ${n}.`;
}
