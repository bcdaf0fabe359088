import { TextField } from './form-fields';

/** The shortest password the server takes. */
export const minPasswordLength = 10;

/** Long enough and typed the same twice: the form may be sent. */
export function passwordsReady(password: string, again: string): boolean {
  return password.length >= minPasswordLength && password === again;
}

interface NewPasswordFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
}

/** A password being chosen, with the length it needs (red while it is too short). */
export function NewPasswordField({ id, label, value, onValue }: NewPasswordFieldProps) {
  const short = value.length > 0 && value.length < minPasswordLength;
  return (
    <TextField
      id={id}
      label={label}
      type="password"
      autoComplete="new-password"
      required
      aria-invalid={short || undefined}
      value={value}
      onValue={onValue}
      hint={`At least ${minPasswordLength} characters.`}
      hintIsBad={short}
    />
  );
}

/** The chosen password once more, and whether the two match. */
export function PasswordAgainField({
  password,
  value,
  ...field
}: NewPasswordFieldProps & { password: string }) {
  const mismatch = value.length > 0 && value !== password;
  return (
    <TextField
      {...field}
      type="password"
      autoComplete="new-password"
      required
      aria-invalid={mismatch || undefined}
      value={value}
      problem={mismatch && 'The two do not match.'}
    />
  );
}
