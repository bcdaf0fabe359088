import type { InputHTMLAttributes, ReactNode } from 'react';
import { errorMessage } from '../lib/api-client';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  /** Under the input, and named by it; red while `hintIsBad`. */
  hint?: ReactNode;
  hintIsBad?: boolean;
  /** What is wrong with the value, under the input. */
  problem?: ReactNode;
  /** The field's own class beside `field`. */
  className?: string;
  testId?: string;
}

/** A labelled input with its hint and what is wrong with it. */
export function TextField({
  id,
  label,
  value,
  onValue,
  hint,
  hintIsBad = false,
  problem,
  className,
  testId,
  ...input
}: TextFieldProps) {
  const hintId = `${id}-hint`;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        aria-describedby={hint === undefined ? undefined : hintId}
        onChange={(e) => onValue(e.target.value)}
        data-testid={testId}
        {...input}
      />
      {hint !== undefined && (
        <p id={hintId} className={hintIsBad ? 'field-hint is-bad' : 'field-hint'}>
          {hint}
        </p>
      )}
      {problem && <p className="field-hint is-bad">{problem}</p>}
    </div>
  );
}

/** Why the last try failed, said where the form is; nothing while there is no error. */
export function FormError({ error, className }: { error: unknown; className?: string }) {
  if (!error) return null;
  return (
    <p className={className ? `form-error ${className}` : 'form-error'} role="alert">
      {errorMessage(error)}
    </p>
  );
}

interface SubmitButtonProps {
  pending: boolean;
  /** What the button says while the request is under way: “Saving…”. */
  pendingLabel: string;
  disabled?: boolean;
  /** As wide as the form (the sign-in pages). */
  block?: boolean;
  testId?: string;
  children: ReactNode;
}

/** The form's primary button: disabled while its request is under way, and saying so. */
export function SubmitButton({
  pending,
  pendingLabel,
  disabled = false,
  block = false,
  testId,
  children,
}: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={block ? 'button button-primary button-block' : 'button button-primary'}
      disabled={disabled || pending}
      data-testid={testId}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
