import '../auth.css';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../lib/api-client';
import { useMe } from '../../../lib/me';
import { Navigate, navigate, useLocation } from '../../../lib/router';
import { useAuthStatus } from '../api/get-auth-status';
import { useLogin } from '../api/login';
import { useTotpVerify } from '../api/totp';
import { AuthLayout } from './auth-layout';
import { nextPath } from './next-path';

export function LoginPage() {
  const location = useLocation();
  const status = useAuthStatus();
  const me = useMe();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [secondFactor, setSecondFactor] = useState(false);
  const next = nextPath(location.search);
  // Single sign-on sends the browser back here with what went wrong, in words.
  const ssoError = new URLSearchParams(location.search).get('error');

  if (me.data) return <Navigate to={next} />;
  if (status.data?.needsSetup) return <Navigate to="/setup" />;
  // Wait for the status (a few ms) so the demo callout does not push the form down when it lands.
  if (status.isPending) return <div className="page-blank" aria-busy="true" />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate(
      { email, password },
      {
        onSuccess: (answer) => {
          if ('secondFactor' in answer) setSecondFactor(true);
          else navigate(next, { replace: true });
        },
      },
    );
  };
  if (secondFactor) {
    return <SecondFactorStep next={next} onRestart={() => setSecondFactor(false)} />;
  }
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
          // The company's identity provider, for the email typed above.
          onClick={() =>
            window.location.assign(`/api/auth/sso/start?email=${encodeURIComponent(email.trim())}`)
          }
          disabled={!email.includes('@')}
        >
          Continue with single sign-on
        </button>
      </form>
    </AuthLayout>
  );
}

/** The second step: the password was right; a code from the authenticator app (or a recovery code) opens the session. */
function SecondFactorStep({ next, onRestart }: { next: string; onRestart: () => void }) {
  const verify = useTotpVerify();
  const [code, setCode] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    verify.mutate(code.trim(), { onSuccess: () => navigate(next, { replace: true }) });
  };
  return (
    <AuthLayout
      title="Two-factor sign-in"
      subtitle="Type the six-digit code your authenticator app shows now."
    >
      <form className="form" onSubmit={submit} data-testid="totp-form" noValidate>
        <div className="field">
          <label htmlFor="login-code">Code</label>
          <input
            id="login-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            // biome-ignore lint/a11y/noAutofocus: the only field of this step, reached by submitting the previous one
            autoFocus
            required
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              verify.reset();
            }}
          />
          <p className="field-hint">Lost your phone? Type one of your recovery codes instead.</p>
        </div>
        {verify.isError && (
          <p className="form-error" role="alert">
            {errorMessage(verify.error)}
          </p>
        )}
        <button
          type="submit"
          className="button button-primary button-block"
          disabled={!code || verify.isPending}
        >
          {verify.isPending ? 'Checking…' : 'Sign in'}
        </button>
        <button type="button" className="button button-secondary button-block" onClick={onRestart}>
          Start again
        </button>
      </form>
    </AuthLayout>
  );
}
