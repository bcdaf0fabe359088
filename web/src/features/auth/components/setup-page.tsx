import '../auth.css';
import { useState } from 'react';
import { FormError, SubmitButton, TextField } from '../../../components/form-fields';
import { NewPasswordField } from '../../../components/password-fields';
import { Navigate, navigate } from '../../../lib/router';
import { useAuthStatus } from '../api/get-auth-status';
import { useSetup } from '../api/setup';
import { AuthFormPage } from './auth-layout';
import { SignInEmailField } from './sign-in-email-field';

/** First run: create the admin account. Only reachable while no user exists. */
export function SetupPage() {
  const status = useAuthStatus();
  const setup = useSetup();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (status.data && !status.data.needsSetup && !setup.isSuccess) return <Navigate to="/login" />;

  const submit = () => {
    setup.mutate({ name, email, password }, { onSuccess: () => navigate('/', { replace: true }) });
  };

  return (
    <AuthFormPage
      title="Create the admin account"
      subtitle="SalesReady has no users yet. This first account can import data and invite the rest of the team."
      onSubmit={submit}
      testId="setup-form"
    >
      <TextField
        id="setup-name"
        label="Full name"
        name="name"
        autoComplete="name"
        value={name}
        onValue={setName}
      />
      <SignInEmailField id="setup-email" label="Work email" value={email} onValue={setEmail} />
      <NewPasswordField id="setup-password" label="Password" value={password} onValue={setPassword} />
      <FormError error={setup.error} />
      <SubmitButton pending={setup.isPending} pendingLabel="Creating the account…" block>
        Create account and sign in
      </SubmitButton>
    </AuthFormPage>
  );
}
