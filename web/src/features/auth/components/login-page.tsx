import '../auth.css';
import { useState } from 'react';
import { FormError, SubmitButton, TextField } from '../../../components/form-fields';
import { useMe } from '../../../lib/me';
import { Navigate, navigate, useLocation } from '../../../lib/router';
import { useAuthStatus } from '../api/get-auth-status';
import { useLogin } from '../api/login';
import { useTotpVerify } from '../api/totp';
import { AuthFormPage } from './auth-layout';
import { nextPath } from './next-path';
import { SignInEmailField } from './sign-in-email-field';

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

  const submit = () => {
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
  const fill = (account: DemoAccount) => {
    setEmail(account.email);
    setPassword(account.password);
  };

  return (
    <AuthFormPage
      title="Sign in"
      subtitle="Leads, sales-ready leads and revenue against target, quarter by quarter."
      onSubmit={submit}
      testId="login-form"
      before={demo && <DemoCallout demo={demo} onFill={fill} />}
    >
      <SignInEmailField id="login-email" label="Email" value={email} onValue={setEmail} />
      <TextField
        id="login-password"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onValue={setPassword}
      />
      <FormError error={login.error} />
      <SubmitButton pending={login.isPending} pendingLabel="Signing in…" block>
        Sign in
      </SubmitButton>
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
    </AuthFormPage>
  );
}

/** The second step: the password was right; a code from the authenticator app (or a recovery code) opens the session. */
function SecondFactorStep({ next, onRestart }: { next: string; onRestart: () => void }) {
  const verify = useTotpVerify();
  const [code, setCode] = useState('');
  const submit = () => {
    verify.mutate(code.trim(), { onSuccess: () => navigate(next, { replace: true }) });
  };
  return (
    <AuthFormPage
      title="Two-factor sign-in"
      subtitle="Type the six-digit code your authenticator app shows now."
      onSubmit={submit}
      testId="totp-form"
    >
      <TextField
        id="login-code"
        label="Code"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        // The only field of this step, reached by submitting the previous one.
        autoFocus
        required
        value={code}
        onValue={(value) => {
          setCode(value);
          verify.reset();
        }}
        hint="Lost your phone? Type one of your recovery codes instead."
      />
      <FormError error={verify.error} />
      <SubmitButton pending={verify.isPending} pendingLabel="Checking…" disabled={!code} block>
        Sign in
      </SubmitButton>
      <button type="button" className="button button-secondary button-block" onClick={onRestart}>
        Start again
      </button>
    </AuthFormPage>
  );
}

type DemoAccount = { email: string; password: string };

/** The demo's own account, said on the sign-in page with a button that types it in. */
function DemoCallout({ demo, onFill }: { demo: DemoAccount; onFill: (demo: DemoAccount) => void }) {
  return (
    <aside className="callout" data-testid="demo-account" aria-label="Demo account">
      <div>
        <p className="callout-title">This is the demo</p>
        <p className="callout-text">
          Sign in as <strong>{demo.email}</strong> with the password <strong>{demo.password}</strong>.
        </p>
      </div>
      <button type="button" className="button button-secondary button-small" onClick={() => onFill(demo)}>
        Fill in
      </button>
    </aside>
  );
}
