import { type FormEvent, useId, useState } from 'react';
import { FormError, SubmitButton, TextField } from '../../../components/form-fields';
import { TitledCard } from '../../../components/titled-card';
import { errorMessage } from '../../../lib/api-client';
import { useTotpDisable, useTotpEnable, useTotpSetup, useTotpStatus } from '../api/two-factor';
import { OtpauthQr } from './otpauth-qr';

/** Settings → Your account: turn two-factor sign-in on (authenticator app) or off. */
export function TwoFactorCard() {
  const status = useTotpStatus();
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const disable = useTotpDisable();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const codeId = useId();
  const state = status.data;

  const submitEnable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    enable.mutate(code.trim(), {
      onSuccess: ({ recoveryCodes }) => {
        setCodes(recoveryCodes);
        setCode('');
        setup.reset();
      },
    });
  };
  const submitDisable = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    disable.mutate(code.trim(), { onSuccess: () => setCode('') });
  };

  return (
    <TitledCard
      id="two-factor-title"
      title="Two-factor sign-in"
      subtitle="After your password, a six-digit code from an authenticator app on your phone."
      testId="two-factor-card"
    >
      <div className="two-factor-body">
        {state?.mustSetUp && (
          <p className="form-error" role="alert">
            Your company requires two-factor sign-in for admins: turn it on to use the rest of SalesReady.
          </p>
        )}
        {codes && (
          <div className="recovery-codes" data-testid="recovery-codes">
            <p>
              <strong>Recovery codes.</strong> Each signs you in once if you lose your phone. Keep them
              somewhere safe: they are shown only now.
            </p>
            <ul>
              {codes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
          </div>
        )}
        {state?.enabled ? (
          <form className="two-factor-form" onSubmit={submitDisable} noValidate>
            <p className="status-good">
              On. {state.recoveryCodesLeft} recovery {state.recoveryCodesLeft === 1 ? 'code' : 'codes'} left.
            </p>
            {state.required ? (
              <p className="field-hint">Required for admins by your company: it cannot be turned off.</p>
            ) : (
              <>
                <TextField
                  id={codeId}
                  label="Code to turn it off"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  value={code}
                  onValue={setCode}
                />
                <button
                  type="submit"
                  className="button button-secondary"
                  disabled={!code || disable.isPending}
                >
                  Turn off
                </button>
                {disable.isError && <p className="form-error">{errorMessage(disable.error)}</p>}
              </>
            )}
          </form>
        ) : setup.data ? (
          <form className="two-factor-form" onSubmit={submitEnable} noValidate>
            <ol className="two-factor-steps">
              <li>
                Scan this code with your authenticator app:
                <OtpauthQr url={setup.data.otpauthUrl} />
                Or add an account with this key, or <a href={setup.data.otpauthUrl}>open it in the app</a> on
                this phone:
                <code className="two-factor-secret" data-testid="totp-secret">
                  {setup.data.secret.replace(/(.{4})/g, '$1 ').trim()}
                </code>
              </li>
              <li>Type the six-digit code it shows.</li>
            </ol>
            <TextField
              id={codeId}
              label="Code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onValue={(value) => {
                setCode(value);
                enable.reset();
              }}
            />
            <SubmitButton pending={enable.isPending} pendingLabel="Checking…" disabled={code.length < 6}>
              Turn on
            </SubmitButton>
            <FormError error={enable.error} />
          </form>
        ) : (
          <div className="two-factor-form">
            <p>Off.</p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => setup.mutate()}
              disabled={setup.isPending || status.isPending}
            >
              Set up
            </button>
            <FormError error={setup.error} />
          </div>
        )}
      </div>
    </TitledCard>
  );
}
