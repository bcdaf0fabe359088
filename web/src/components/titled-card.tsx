import type { ReactNode } from 'react';
import { CardHeader } from './card-header';

interface TitledCardProps {
  /** The heading's id: the card names itself by it. */
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  /** Controls on the header's right: a button, a filter. */
  actions?: ReactNode;
  /** The card's own class beside `card`: `table-card`. */
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** A card named by its heading: the title, the sentence under it, its controls, then its body. */
export function TitledCard({ id, title, subtitle, actions, className, testId, children }: TitledCardProps) {
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id} data-testid={testId}>
      <CardHeader id={id} title={title} subtitle={subtitle}>
        {actions}
      </CardHeader>
      {children}
    </section>
  );
}
