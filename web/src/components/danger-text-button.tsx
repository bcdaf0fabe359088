import type { ReactNode } from 'react';

interface DangerTextButtonProps {
  /** What it acts on, said only to screen readers: a row of them would otherwise read the same. */
  subject?: string;
  onClick: () => void;
  disabled?: boolean;
  testId?: string;
  children: ReactNode;
}

/** A row's destructive action (revoke, delete, disconnect): quiet red text, so it does not compete with the row. */
export function DangerTextButton({ subject, onClick, disabled, testId, children }: DangerTextButtonProps) {
  return (
    <button
      type="button"
      className="button button-ghost button-small button-danger-text"
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
    >
      {children}
      {subject !== undefined && <span className="visually-hidden"> {subject}</span>}
    </button>
  );
}
