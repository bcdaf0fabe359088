import type { ReactNode } from 'react';

interface CardHeaderProps {
  /** The heading's id: the card names itself by it (`aria-labelledby`). */
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  /** What the figure in the title means, shown when hovering the heading. */
  definition?: string;
  /** Extra classes for the header (a card's own layout) and for the subtitle (its tone). */
  className?: string;
  subtitleClassName?: string;
  /** Controls on the right: exports, a legend, a button. */
  children?: ReactNode;
}

/** A card's title, the sentence under it, and its controls on the right. */
export function CardHeader({
  id,
  title,
  subtitle,
  definition,
  className,
  subtitleClassName,
  children,
}: CardHeaderProps) {
  return (
    <header className={className ? `card-header ${className}` : 'card-header'}>
      <div>
        <h2 id={id} className="card-title" title={definition}>
          {title}
        </h2>
        {subtitle !== undefined && (
          <p className={subtitleClassName ? `card-subtitle ${subtitleClassName}` : 'card-subtitle'}>
            {subtitle}
          </p>
        )}
      </div>
      {children}
    </header>
  );
}
