import type { ReactNode } from 'react';

export type PillTone = 'good' | 'bad' | 'accent' | 'warn';

/** A row's state in a word or two, in its tone's colours; neutral grey without one. */
export function StatusPill({
  tone,
  title,
  children,
}: {
  tone?: PillTone;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span className={tone ? `status-pill tone-fill tone-${tone}` : 'status-pill'} title={title}>
      {children}
    </span>
  );
}
