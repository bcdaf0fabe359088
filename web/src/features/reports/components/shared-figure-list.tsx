import type { ReactNode } from 'react';

export interface FigureItem {
  label: string;
  value: string;
  /** A line of context under the figure. */
  note?: ReactNode;
  definition?: string;
  tone?: 'bad' | 'neutral';
}

/** Headline figures as a description list: term, figure, context. */
export function FigureList({
  items,
  columns,
  testId,
}: {
  items: FigureItem[];
  /** Figures a row on a wide screen: rows come out full, with no orphan at the end. */
  columns: 3 | 5;
  testId?: string;
}) {
  return (
    <dl className={`shared-figures is-${columns}-up`} data-testid={testId}>
      {items.map((item) => (
        <div
          key={item.label}
          className={`shared-figure tone-${item.tone ?? 'neutral'}`}
          title={item.definition}
        >
          <dt>{item.label}</dt>
          <dd className="shared-figure-value">{item.value}</dd>
          {item.note && <dd className="shared-figure-note">{item.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
