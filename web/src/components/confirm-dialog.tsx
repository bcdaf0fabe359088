import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../lib/api-client';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

/**
 * A question before an action that cannot be undone (revoke a token, deactivate a user): a modal
 * <dialog>, so the browser traps focus and Escape cancels. Cancel has the focus, not the action.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy = false,
  error,
  onConfirm,
  onCancel,
  testId,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancelRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the backdrop; Escape (the native cancel event) is its keyboard twin.
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its panel) cancels.
        if (e.target === e.currentTarget && !busy) onCancel();
      }}
      data-testid={testId}
    >
      {open && (
        <div className="confirm-panel">
          <h2 id={titleId} className="confirm-title">
            {title}
          </h2>
          <div className="confirm-body">{children}</div>
          {error ? (
            <p className="form-error" role="alert">
              {errorMessage(error)}
            </p>
          ) : null}
          <div className="confirm-actions">
            <button
              ref={cancelRef}
              type="button"
              className="button button-secondary"
              onClick={onCancel}
              disabled={busy}
            >
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
              {busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

/**
 * What a confirmation is about (a token, a user; `true` for the whole account) while its dialog is
 * open, and the dialog's state from the mutation it confirms. Asking clears the last attempt's error.
 */
export function useConfirmation<T>(mutation: { reset: () => void; isPending: boolean; error: unknown }) {
  const [subject, setSubject] = useState<T | null>(null);
  const close = () => setSubject(null);
  return {
    subject,
    ask: (next: T) => {
      mutation.reset();
      setSubject(next);
    },
    close,
    dialog: { open: subject !== null, busy: mutation.isPending, error: mutation.error, onCancel: close },
  };
}
