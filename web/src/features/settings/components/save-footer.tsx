import type { ReactNode } from 'react';

interface SaveFooterProps {
  /** Where the form stands: unsaved changes, what is wrong, what the last save did. */
  status: ReactNode;
  canDiscard: boolean;
  onDiscard: () => void;
  canSave: boolean;
  pending: boolean;
  saveLabel: string;
  saveTestId: string;
  /** Buttons before Discard. */
  children?: ReactNode;
}

/** A settings form's footer: its status, Discard, and Save; both buttons wait while a save is under way. */
export function SaveFooter({
  status,
  canDiscard,
  onDiscard,
  canSave,
  pending,
  saveLabel,
  saveTestId,
  children,
}: SaveFooterProps) {
  return (
    <footer className="settings-footer">
      <p className="settings-status" aria-live="polite">
        {status}
      </p>
      {children}
      <button
        type="button"
        className="button button-ghost"
        disabled={!canDiscard || pending}
        onClick={onDiscard}
      >
        Discard
      </button>
      <button
        type="submit"
        className="button button-primary"
        disabled={!canSave || pending}
        data-testid={saveTestId}
      >
        {pending ? 'Saving…' : saveLabel}
      </button>
    </footer>
  );
}
