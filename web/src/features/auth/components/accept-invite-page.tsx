import '../auth.css';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { Link, navigate, useLocation } from '../../../lib/router';
import { useAcceptInvite } from '../api/accept-invite';
import { AuthLayout } from './auth-layout';

const minPasswordLength = 10;

/** The page an invitation link opens: choose a password (and a name), and you are in. */
export function AcceptInvitePage() {
  const { search } = useLocation();
  const token = new URLSearchParams(search).get('token')?.trim() ?? '';
  const accept = useAcceptInvite();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');

  if (!token) {
    return (
      <AuthLayout
        title="This link is incomplete"
        subtitle="An invitation link carries a token after ?token=."
      >
        <p className="auth-note">
          Copy the whole link from the invitation, or ask an admin for a new one. Already have an account?{' '}
          <Link to="/login">Sign in</Link>.
        </p>
      </AuthLayout>
    );
  }
  const short = password.length > 0 && password.length < minPasswordLength;
  const mismatch = again.length > 0 && again !== password;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (password.length < minPasswordLength || password !== again) return;
    accept.mutate(
      { token, password, ...(name.trim() && { name: name.trim() }) },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };
  return (
    <AuthLayout
      title="Join SalesReady"
      subtitle="You were invited. Choose a password to finish setting up your account."
    >
      <form className="form" onSubmit={submit} data-testid="accept-invite-form" noValidate>
        <div className="field">
          <label htmlFor="invite-name">Your name</label>
          <input
            id="invite-name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="invite-password">Password</label>
          <input
            id="invite-password"
            type="password"
            autoComplete="new-password"
            required
            aria-describedby="invite-password-hint"
            aria-invalid={short || undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id="invite-password-hint" className="field-hint">
            At least {minPasswordLength} characters.
          </p>
        </div>
        <div className="field">
          <label htmlFor="invite-again">Password, again</label>
          <input
            id="invite-again"
            type="password"
            autoComplete="new-password"
            required
            aria-invalid={mismatch || undefined}
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
          {mismatch && <p className="field-hint is-bad">The two do not match.</p>}
        </div>
        {accept.isError && (
          <p className="form-error" role="alert">
            {errorMessage(accept.error)}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary button-block"
          disabled={accept.isPending || password.length < minPasswordLength || password !== again}
        >
          {accept.isPending ? 'Setting up…' : 'Set password and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
