import type { MetricView } from './view-toggle';

/** A marked rate's basis: its label and what it divides, in words. */
export interface RateNoteItem {
  key: string;
  label: string;
  basis: string;
}

/** Under a table whose rates are marked `*`: what each marked rate divides, as the view counts it. */
export function RateNote({
  view,
  testId,
  items,
}: {
  view: MetricView;
  testId: string;
  items: RateNoteItem[];
}) {
  return (
    <div className="table-note" data-testid={testId}>
      <p>
        * Each rate shows its own numerator and denominator:{' '}
        {view === 'period'
          ? 'in the period view they are not the counts beside it (those are the events of the period)'
          : 'they can differ from the counts beside it (a lead that skipped a stage)'}
        :
      </p>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <b>{item.label}</b>: {item.basis}.
          </li>
        ))}
      </ul>
    </div>
  );
}
