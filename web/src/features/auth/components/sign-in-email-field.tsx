import { TextField } from '../../../components/form-fields';

interface SignInEmailFieldProps {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
}

/** The email an account signs in with: marked as the username, so a password manager keeps it with the password. */
export function SignInEmailField({ id, label, value, onValue }: SignInEmailFieldProps) {
  return (
    <TextField
      id={id}
      label={label}
      name="email"
      type="email"
      autoComplete="username"
      required
      value={value}
      onValue={onValue}
    />
  );
}
