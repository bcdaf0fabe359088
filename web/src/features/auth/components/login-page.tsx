import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { Navigate, navigate, useLocation } from '../../../lib/router';
import { useAuthStatus } from '../api/get-auth-status';
import { useMe } from '../api/get-me';
import { useLogin } from '../api/login';
import { AuthLayout } from './auth-layout';
import { nextPath } from './next-path';

export function LoginPage() {
  const location = useLocation();
  const status = useAuthStatus();
  const me = useMe();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = nextPath(location.search);

  if (me.data) return <Navigate to={next} />;
  if (status.data?.needsSetup) return <Navigate to="/setup" />;
  // Wait for the status (a few ms) so the demo callout does not push the form down when it lands.
  if (status.isPending) return <div className="page-blank" aria-busy="true" />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ email, password }, { onSuccess: () => navigate(next, { replace: true }) });
  };
  const demo = status.data?.demoAccount ?? null;

  return (
    <AuthLayout
      title="Sign in"
      subtitle="Leads, sales-ready leads and revenue against target, quarter by quarter."
    >
      {demo && (
        <aside className="callout" data-testid="demo-account" aria-label="Demo account">
          <div>
            <p className="callout-title">This is the demo</p>
            <p className="callout-text">
              Sign in as <strong>{demo.email}</strong> with the password <strong>{demo.password}</strong>.
            </p>
          </div>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setEmail(demo.email);
              setPassword(demo.password);
            }}
          >
            Fill in
          </button>
        </aside>
      )}
      <form className="form" onSubmit={submit} data-testid="login-form" noValidate>
        <div className="field">
          <label htmlFor="login-email">Email</label>
          <input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {login.isError && (
          <p className="form-error" role="alert">
            {errorMessage(login.error)}
          </p>
        )}
        <button type="submit" className="button button-primary button-block" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        {ssoError && (
          <p className="form-error" role="alert" data-testid="sso-error">
            {ssoError.slice(0, 300)}
          </p>
        )}
        <button
          type="button"
          className="button button-secondary button-block"
          onClick={() => {
            // The company's identity provider, for the email typed above.
            window.location.assign(`/api/auth/sso/start?email=${encodeURIComponent(email.trim())}`);
          }}
          disabled={!email.includes('@')}
        >
          Sign in with SSO
        </button>
      </form>
    </AuthLayout>
  );
}
