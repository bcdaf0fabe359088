import type { ReactNode } from 'react';

/** The next step an empty or error state offers (clear the filters, switch the view): a secondary button. */
export function StateAction({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="button button-secondary" onClick={onClick}>
      {children}
    </button>
  );
}
