import '../auth.css';
import { useState } from 'react';
import { FormError, SubmitButton, TextField } from '../../../components/form-fields';
import { NewPasswordField, PasswordAgainField, passwordsReady } from '../../../components/password-fields';
import { Link, navigate, useLocation } from '../../../lib/router';
import { useAcceptInvite } from '../api/accept-invite';
import { AuthFormPage, AuthLayout } from './auth-layout';

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
  const submit = () => {
    if (!passwordsReady(password, again)) return;
    accept.mutate(
      { token, password, ...(name.trim() && { name: name.trim() }) },
      { onSuccess: () => navigate('/', { replace: true }) },
    );
  };
  return (
    <AuthFormPage
      title="Join SalesReady"
      subtitle="You were invited. Choose a password to finish setting up your account."
      onSubmit={submit}
      testId="accept-invite-form"
    >
      <TextField id="invite-name" label="Your name" autoComplete="name" value={name} onValue={setName} />
      <NewPasswordField id="invite-password" label="Password" value={password} onValue={setPassword} />
      <PasswordAgainField
        id="invite-again"
        label="Password, again"
        password={password}
        value={again}
        onValue={setAgain}
      />
      <FormError error={accept.error} />
      <SubmitButton
        pending={accept.isPending}
        pendingLabel="Setting up…"
        disabled={!passwordsReady(password, again)}
        block
      >
        Set password and sign in
      </SubmitButton>
    </AuthFormPage>
  );
}
