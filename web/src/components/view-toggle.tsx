import { useId } from 'react';
import { definitions } from '../lib/definitions';
import { Segmented } from './segmented';

export type MetricView = 'cohort' | 'period';

const options = [
  { value: 'cohort', label: 'Cohort view', title: definitions.cohortView },
  { value: 'period', label: 'Period view', title: definitions.periodView },
] as const;

/** The two ways funnel figures count (PRODUCT.md: both needed and labelled), with one line on the one shown. */
export function ViewToggle({
  value,
  onChange,
  periodName,
}: {
  value: MetricView;
  onChange: (view: MetricView) => void;
  /** The period in words, e.g. "Q4 2026". */
  periodName: string | null;
}) {
  const noteId = useId();
  const period = periodName ?? 'the period';
  return (
    <div className="view-toggle">
      <Segmented
        legend="Count leads by"
        showLegend
        options={options}
        value={value}
        onChange={onChange}
        testId="view-toggle"
        describedBy={noteId}
      />
      <p id={noteId} className="view-note">
        {value === 'cohort'
          ? `Leads created in ${period}, followed to today.`
          : `Each stage counted in ${period} when it happened there.`}
      </p>
    </div>
  );
}
