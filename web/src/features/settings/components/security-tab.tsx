import { type FormEvent, useId, useState } from 'react';
import { AdminTableCard, ColumnHeads } from '../../../components/admin-table';
import { ConfirmDialog, useConfirmation } from '../../../components/confirm-dialog';
import { SubmitButton, TextField } from '../../../components/form-fields';
import { NewPasswordField, PasswordAgainField, passwordsReady } from '../../../components/password-fields';
import { TitledCard } from '../../../components/titled-card';
import { formatAgo, formatDateTime, formatDay } from '../../../lib/format';
import { useChangePassword } from '../api/change-password';
import { useSessions } from '../api/get-sessions';
import { useRevokeAllSessions } from '../api/revoke-sessions';
import { SaveStatus } from './save-status';
import { TwoFactorCard } from './two-factor-card';

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
  const ids = { current: useId(), next: useId(), again: useId() };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!current || !passwordsReady(next, again)) return;
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
    <TitledCard
      id="password-title"
      title="Password"
      subtitle="Changing it signs you out everywhere else; this browser stays signed in."
    >
      <form className="password-form" onSubmit={submit} noValidate>
        <TextField
          id={ids.current}
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={(value) => {
            setCurrent(value);
            change.reset();
          }}
        />
        <NewPasswordField id={ids.next} label="New password" value={next} onValue={setNext} />
        <PasswordAgainField
          id={ids.again}
          label="New password, again"
          password={next}
          value={again}
          onValue={setAgain}
        />
        <div className="password-actions">
          <SubmitButton
            pending={change.isPending}
            pendingLabel="Changing…"
            disabled={!current || !passwordsReady(next, again)}
          >
            Change password
          </SubmitButton>
          <SaveStatus
            error={change.error}
            saved={
              change.data && (
                <>
                  Password changed.{' '}
                  {change.data.revokedSessions > 0
                    ? `${change.data.revokedSessions} other ${change.data.revokedSessions === 1 ? 'session was' : 'sessions were'} signed out.`
                    : 'No other session was open.'}
                </>
              )
            }
          />
        </div>
      </form>
    </TitledCard>
  );
}

function SessionsCard() {
  const sessions = useSessions();
  const revokeAll = useRevokeAllSessions();
  const confirming = useConfirmation<true>(revokeAll);
  return (
    <>
      <AdminTableCard
        id="sessions-title"
        title="Where you are signed in"
        subtitle="A session ends after 7 days, or after 12 hours unused. Signed in somewhere you do not recognise? Sign out everywhere and change your password."
        actions={
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => confirming.ask(true)}
            data-testid="sessions-revoke-all"
          >
            Sign out everywhere
          </button>
        }
        query={sessions}
        errorTitle="Your sessions could not be loaded"
        className="sessions-table"
        labelledBy="sessions-title"
        head={<ColumnHeads names={['Session', 'Signed in', 'Last active', 'Ends']} />}
        skeletonCells={Array(4).fill('skeleton-cell-wide')}
      >
        {(list) =>
          list.map((s, i) => (
            <tr key={`${s.createdAt}-${i}`} className={s.current ? 'is-selected' : undefined}>
              <th scope="row">
                {s.current ? (
                  <>
                    This browser <span className="you-chip tone-fill tone-accent">Current</span>
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
      </AdminTableCard>
      <ConfirmDialog
        {...confirming.dialog}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        onConfirm={() => revokeAll.mutate()}
        testId="sessions-revoke-dialog"
      >
        <p>Every session ends, this one too: you will sign in again on each device you use.</p>
      </ConfirmDialog>
    </>
  );
}
