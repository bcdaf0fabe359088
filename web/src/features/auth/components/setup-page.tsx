import '../auth.css';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { Navigate, navigate } from '../../../lib/router';
import { useAuthStatus } from '../api/get-auth-status';
import { useSetup } from '../api/setup';
import { AuthLayout } from './auth-layout';

const minPasswordLength = 10;

/** First run: create the admin account. Only reachable while no user exists. */
export function SetupPage() {
  const status = useAuthStatus();
  const setup = useSetup();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (status.data && !status.data.needsSetup && !setup.isSuccess) return <Navigate to="/login" />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setup.mutate({ name, email, password }, { onSuccess: () => navigate('/', { replace: true }) });
  };
  const shortPassword = password.length > 0 && password.length < minPasswordLength;

  return (
    <AuthLayout
      title="Create the admin account"
      subtitle="SalesReady has no users yet. This first account can import data and invite the rest of the team."
    >
      <form className="form" onSubmit={submit} data-testid="setup-form" noValidate>
        <div className="field">
          <label htmlFor="setup-name">Full name</label>
          <input
            id="setup-name"
            name="name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="setup-email">Work email</label>
          <input
            id="setup-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="setup-password">Password</label>
          <input
            id="setup-password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={minPasswordLength}
            aria-describedby="setup-password-hint"
            aria-invalid={shortPassword || undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id="setup-password-hint" className="field-hint">
            At least {minPasswordLength} characters.
          </p>
        </div>
        {setup.isError && (
          <p className="form-error" role="alert">
            {errorMessage(setup.error)}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={setup.isPending}>
          {setup.isPending ? 'Creating the account…' : 'Create account and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
