import { type FormEvent, useId, useState } from 'react';
import { AdminTable } from '../../../components/admin-table';
import { CardHeader } from '../../../components/card-header';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { errorMessage } from '../../../lib/api-client';
import { formatAgo, formatDateTime, formatDay } from '../../../lib/format';
import { useChangePassword } from '../api/change-password';
import { useSessions } from '../api/get-sessions';
import { useRevokeAllSessions } from '../api/revoke-sessions';
import { TwoFactorCard } from './two-factor-card';

const minPassword = 10;

/** One's own account: change the password, see where one is signed in, sign out everywhere. */
export function SecurityTab() {
  return (
    <div className="settings-stack" data-testid="settings-security">
      <PasswordCard />
      <TwoFactorCard />
      <SessionsCard />
    </div>
  );
}

function PasswordCard() {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const ids = { current: useId(), next: useId(), again: useId(), hint: useId() };
  const short = next.length > 0 && next.length < minPassword;
  const mismatch = again.length > 0 && again !== next;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!current || next.length < minPassword || next !== again) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setAgain('');
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="password-title">
      <CardHeader
        id="password-title"
        title="Password"
        subtitle="Changing it signs you out everywhere else; this browser stays signed in."
      />
      <form className="password-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.current}>Current password</label>
          <input
            id={ids.current}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => {
              setCurrent(e.target.value);
              change.reset();
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.next}>New password</label>
          <input
            id={ids.next}
            type="password"
            autoComplete="new-password"
            aria-describedby={ids.hint}
            aria-invalid={short || undefined}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <p id={ids.hint} className={short ? 'field-hint is-bad' : 'field-hint'}>
            At least {minPassword} characters.
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.again}>New password, again</label>
          <input
            id={ids.again}
            type="password"
            autoComplete="new-password"
            aria-invalid={mismatch || undefined}
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
          {mismatch && <p className="field-hint is-bad">The two do not match.</p>}
        </div>
        <div className="password-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={!current || next.length < minPassword || next !== again || change.isPending}
          >
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
          <p className="settings-status" aria-live="polite">
            {change.isError ? (
              <span className="status-bad">{errorMessage(change.error)}</span>
            ) : change.data ? (
              <span className="status-good">
                Password changed.{' '}
                {change.data.revokedSessions > 0
                  ? `${change.data.revokedSessions} other ${change.data.revokedSessions === 1 ? 'session was' : 'sessions were'} signed out.`
                  : 'No other session was open.'}
              </span>
            ) : null}
          </p>
        </div>
      </form>
    </section>
  );
}

function SessionsCard() {
  const sessions = useSessions();
  const revokeAll = useRevokeAllSessions();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="card table-card" aria-labelledby="sessions-title">
      <CardHeader
        id="sessions-title"
        title="Where you are signed in"
        subtitle="A session ends after 7 days, or after 12 hours unused. Signed in somewhere you do not recognise? Sign out everywhere and change your password."
      >
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            revokeAll.reset();
            setConfirming(true);
          }}
          data-testid="sessions-revoke-all"
        >
          Sign out everywhere
        </button>
      </CardHeader>
      <AdminTable
        query={sessions}
        errorTitle="Your sessions could not be loaded"
        className="sessions-table"
        labelledBy="sessions-title"
        head={
          <>
            <th scope="col">Session</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last active</th>
            <th scope="col">Ends</th>
          </>
        }
        skeletonCells={Array(4).fill('skeleton-cell-wide')}
      >
        {(list) =>
          list.map((s, i) => (
            <tr key={`${s.createdAt}-${i}`} className={s.current ? 'is-selected' : undefined}>
              <th scope="row">
                {s.current ? (
                  <>
                    This browser <span className="you-chip">Current</span>
                  </>
                ) : (
                  'Another browser or device'
                )}
              </th>
              <td>{formatDateTime(s.createdAt)}</td>
              <td title={formatDateTime(s.lastSeenAt)}>{formatAgo(s.lastSeenAt)}</td>
              <td>{formatDay(s.expiresAt)}</td>
            </tr>
          ))
        }
      </AdminTable>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        busy={revokeAll.isPending}
        error={revokeAll.error}
        onCancel={() => setConfirming(false)}
        onConfirm={() => revokeAll.mutate()}
        testId="sessions-revoke-dialog"
      >
        <p>Every session ends, this one too: you will sign in again on each device you use.</p>
      </ConfirmDialog>
    </section>
  );
}
