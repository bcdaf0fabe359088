import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { AdminTableCard, ColumnHeads } from '../../../components/admin-table';
import { ConfirmDialog, useConfirmation } from '../../../components/confirm-dialog';
import { DangerTextButton } from '../../../components/danger-text-button';
import { FormError, SubmitButton, TextField } from '../../../components/form-fields';
import { OptionList } from '../../../components/option-list';
import { SecretBox } from '../../../components/secret-box';
import { SelectField } from '../../../components/select-field';
import { StatusPill } from '../../../components/status-pill';
import { TitledCard } from '../../../components/titled-card';
import { formatAgo, formatDateTime, formatDay } from '../../../lib/format';
import { type Role, type TeamMember, useUsers } from '../api/get-users';
import { useInviteUser } from '../api/invite-user';
import { useUpdateUser } from '../api/update-user';
import type { SettingsUser } from '../settings-tabs';

const roles: { value: Role; label: string; text: string }[] = [
  { value: 'admin', label: 'Admin', text: 'everything: imports, settings, users' },
  { value: 'executive', label: 'Executive', text: 'reads everything, sets targets' },
  { value: 'board', label: 'Board', text: 'reads and exports, changes nothing' },
];

/** Who has access and with which role; invitations by one-time link; deactivation. */
export function UsersTab({ me }: { me: SettingsUser }) {
  const users = useUsers();
  const invite = useInviteUser();
  const update = useUpdateUser();
  const [form, setForm] = useState<{ email: string; name: string; role: Role }>({
    email: '',
    name: '',
    role: 'executive',
  });
  const deactivating = useConfirmation<TeamMember>(update);
  const ids = { email: useId(), name: useId(), role: useId() };
  const secretRef = useRef<HTMLDivElement>(null);
  const invited = invite.data?.token;
  // A new link (also from a row far below): bring it into view, it is shown only this once.
  useEffect(() => {
    if (invited) secretRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [invited]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!form.email.trim()) return;
    invite.mutate(form, { onSuccess: () => setForm({ email: '', name: '', role: form.role }) });
  };
  const link = invite.data
    ? `${window.location.origin}/accept-invite?token=${encodeURIComponent(invite.data.token)}`
    : null;
  return (
    <div className="settings-stack" data-testid="settings-users">
      <TitledCard
        id="invite-title"
        title="Invite someone"
        subtitle={
          <>
            They get a one-time link to choose a password.{' '}
            {roles.map((r) => `${r.label}: ${r.text}`).join('. ')}.
          </>
        }
      >
        <form className="invite-form" onSubmit={submit} noValidate>
          <TextField
            id={ids.email}
            label="Work email"
            type="email"
            autoComplete="off"
            value={form.email}
            onValue={(email) => setForm({ ...form, email })}
            testId="invite-email"
          />
          <TextField
            id={ids.name}
            label="Name (optional)"
            maxLength={100}
            value={form.name}
            onValue={(name) => setForm({ ...form, name })}
          />
          <SelectField
            id={ids.role}
            label="Role"
            selectClassName="field-select"
            value={form.role}
            options={roles}
            onValue={(role) => setForm({ ...form, role })}
          />
          <SubmitButton pending={invite.isPending} pendingLabel="Inviting…" disabled={!form.email.trim()}>
            Invite
          </SubmitButton>
        </form>
        <FormError error={invite.error} className="card-error" />
        {invite.data && link && (
          <SecretBox
            ref={secretRef}
            title={`Send this link to ${invite.data.user.email}: it is shown only once.`}
            text={`It works once, until ${formatDateTime(invite.data.expiresAt)}. Inviting them again replaces it.`}
            label={`Invitation link for ${invite.data.user.email}`}
            value={link}
            doneLabel="Done"
            onDone={() => invite.reset()}
            testId="invite-created"
            valueTestId="invite-link"
          />
        )}
      </TitledCard>

      <AdminTableCard
        id="users-title"
        title="Users"
        subtitle="Deactivating someone signs them out everywhere at once. There is always at least one active admin."
        notice={!deactivating.subject && <FormError error={update.error} className="card-error" />}
        query={users}
        errorTitle="The users could not be loaded"
        className="users-table"
        labelledBy="users-title"
        head={<ColumnHeads names={['Person', 'Role', 'Status', 'Last signed in']} actions />}
        skeletonCells={Array(5).fill('skeleton-cell-wide')}
        skeletonRows={3}
      >
        {(list) =>
          list.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              self={user.id === me.id}
              busy={update.isPending && update.variables?.id === user.id}
              onRole={(role) => update.mutate({ id: user.id, change: { role } })}
              onActivate={() => update.mutate({ id: user.id, change: { active: true } })}
              onDeactivate={() => deactivating.ask(user)}
              onReinvite={() => invite.mutate({ email: user.email, name: user.name, role: user.role })}
            />
          ))
        }
      </AdminTableCard>

      <ConfirmDialog
        {...deactivating.dialog}
        title={`Deactivate ${deactivating.subject?.name || deactivating.subject?.email || ''}?`}
        confirmLabel="Deactivate"
        onConfirm={() => {
          if (deactivating.subject)
            update.mutate(
              { id: deactivating.subject.id, change: { active: false } },
              { onSuccess: deactivating.close },
            );
        }}
        testId="user-deactivate-dialog"
      >
        <p>
          {deactivating.subject?.email} is signed out of every session now and cannot sign in again until
          reactivated. Their imports, targets and audit entries stay.
        </p>
      </ConfirmDialog>
    </div>
  );
}

function UserRow({
  user,
  self,
  busy,
  onRole,
  onActivate,
  onDeactivate,
  onReinvite,
}: {
  user: TeamMember;
  self: boolean;
  busy: boolean;
  onRole: (role: Role) => void;
  onActivate: () => void;
  onDeactivate: () => void;
  onReinvite: () => void;
}) {
  const expired = user.inviteExpiresAt ? Date.parse(user.inviteExpiresAt) < Date.now() : false;
  return (
    <tr
      className={!user.active && !user.invited ? 'is-revoked' : undefined}
      data-testid={`user-row-${user.id}`}
    >
      <th scope="row">
        <span className="person-name">
          {user.name || user.email}
          {self && <span className="you-chip tone-fill tone-accent">You</span>}
        </span>
        {user.name && <span className="row-meta">{user.email}</span>}
      </th>
      <td>
        <select
          className="select role-select"
          value={user.role}
          disabled={busy || self}
          title={self ? 'Another admin can change your role' : undefined}
          aria-label={`Role of ${user.name || user.email}`}
          onChange={(e) => onRole(e.target.value as Role)}
        >
          <OptionList options={roles} />
        </select>
      </td>
      <td>
        {user.invited ? (
          <StatusPill tone={expired ? 'bad' : 'accent'}>
            {expired
              ? 'Invitation expired'
              : user.inviteExpiresAt
                ? `Invited · until ${formatDay(user.inviteExpiresAt)}`
                : 'Invited'}
          </StatusPill>
        ) : user.active ? (
          <StatusPill tone="good">Active</StatusPill>
        ) : (
          <StatusPill>Deactivated</StatusPill>
        )}
      </td>
      <td title={user.lastSignInAt ? formatDateTime(user.lastSignInAt) : undefined}>
        {user.lastSignInAt ? formatAgo(user.lastSignInAt) : <span className="muted">Never</span>}
      </td>
      <td className="row-actions">
        {user.invited ? (
          <button type="button" className="button button-ghost button-small" onClick={onReinvite}>
            New link
          </button>
        ) : self ? null : user.active ? (
          <DangerTextButton onClick={onDeactivate} disabled={busy}>
            Deactivate
          </DangerTextButton>
        ) : (
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={onActivate}
            disabled={busy}
          >
            Reactivate
          </button>
        )}
      </td>
    </tr>
  );
}
