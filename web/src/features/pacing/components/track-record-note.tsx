import { trackRecordSentence } from '@salesready/api/figures/track-record-words';
import { definitions } from '../../../lib/definitions';
import type { MetricPacing } from '../../../lib/pacing-query';

/**
 * Next to the projection: how the same method did at this week of past quarters (computed from the
 * company's own history by a weekly job), and whether the range is calibrated from it.
 */
export function TrackRecordNote({ m }: { m: MetricPacing }) {
  const record = m.trackRecord;
  if (!record) return null;
  return (
    <p
      className="chart-foot track-record"
      data-testid={`track-record-${m.metric}`}
      data-range-from={record.rangeFrom}
      title={definitions.trackRecord}
    >
      {trackRecordSentence(record)}
    </p>
  );
}
