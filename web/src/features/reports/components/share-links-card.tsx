import { type FormEvent, useId, useState } from 'react';
import { AdminTable, ColumnHeads } from '../../../components/admin-table';
import { ConfirmDialog, useConfirmation } from '../../../components/confirm-dialog';
import { DangerTextButton } from '../../../components/danger-text-button';
import { FormError, SubmitButton } from '../../../components/form-fields';
import { SecretBox } from '../../../components/secret-box';
import { Segmented } from '../../../components/segmented';
import { type PillTone, StatusPill } from '../../../components/status-pill';
import { TitledCard } from '../../../components/titled-card';
import { formatAgo, formatDateTime, formatDay } from '../../../lib/format';
import { useCreateShareLink } from '../api/create-share-link';
import { type ShareLink, useShareLinks } from '../api/get-share-links';
import { useRevokeShareLink } from '../api/revoke-share-link';

const lifetimes = [1, 7, 14, 30, 90];

function linkState(link: ShareLink): { text: string; tone?: PillTone } {
  if (link.revokedAt) return { text: `Revoked ${formatDay(link.revokedAt)}` };
  if (new Date(link.expiresAt).getTime() <= Date.now())
    return { text: `Expired ${formatDay(link.expiresAt)}` };
  return { text: `Until ${formatDay(link.expiresAt)}`, tone: 'good' };
}

/**
 * Read-only links to this quarter's pack for readers without an account: each expires, can be
 * revoked, and is shown once. Executives and admins make them; the board sees the list.
 */
export function ShareLinksCard({ quarter, canManage }: { quarter: string; canManage: boolean }) {
  const links = useShareLinks(quarter);
  const create = useCreateShareLink(quarter);
  const revoke = useRevokeShareLink(quarter);
  const [days, setDays] = useState(14);
  const [label, setLabel] = useState('');
  const revoking = useConfirmation<ShareLink>(revoke);
  const headingId = useId();
  const labelId = useId();
  const created = create.data;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ days, label: label.trim() }, { onSuccess: () => setLabel('') });
  };
  return (
    <TitledCard
      id={headingId}
      title="Share links"
      subtitle="A link opens this quarter’s board pack and its headline figures, read-only, without an account. Every opening is written to the audit log."
      testId="share-links"
    >
      <div className="share-body">
        {canManage && (
          <form className="share-form" onSubmit={submit} noValidate>
            <label htmlFor={labelId}>
              For whom
              <input
                id={labelId}
                className="text-input"
                value={label}
                maxLength={100}
                placeholder="e.g. March board meeting"
                onChange={(e) => setLabel(e.target.value)}
                data-testid="share-label"
              />
            </label>
            <Segmented
              legend="Expires after"
              showLegend
              options={lifetimes.map((d) => ({ value: String(d), label: d === 1 ? '1 day' : `${d} days` }))}
              value={String(days)}
              onChange={(v) => setDays(Number(v))}
              testId="share-days"
            />
            <SubmitButton pending={create.isPending} pendingLabel="Creating…" testId="share-create">
              Create link
            </SubmitButton>
          </form>
        )}
        <FormError error={create.error} />
        {created && (
          <SecretBox
            title="Copy the link now: it is shown only once."
            text={`Anyone with it can read the ${quarter} board pack until ${formatDateTime(created.expiresAt)}, or until it is revoked.`}
            label="Share link"
            value={`${window.location.origin}/share/${created.token}`}
            doneLabel="I have copied it"
            onDone={() => create.reset()}
            testId="share-created"
            valueTestId="share-url"
          />
        )}
        <AdminTable
          query={links}
          errorTitle="The share links could not be loaded"
          empty={{
            title: 'No share links for this quarter',
            text: canManage
              ? 'Create one above for a reader without an account.'
              : 'An executive or an admin can make one for a reader without an account.',
          }}
          className="share-links-table"
          head={<ColumnHeads names={['For whom', 'Created', 'Status', 'Last opened']} actions />}
          skeletonCells={[...Array(4).fill('skeleton-cell-wide'), null]}
        >
          {(list) =>
            list.map((link) => (
              <ShareLinkRow
                key={link.id}
                link={link}
                onRevoke={canManage && !link.revokedAt ? () => revoking.ask(link) : undefined}
              />
            ))
          }
        </AdminTable>
      </div>
      <ConfirmDialog
        {...revoking.dialog}
        title="Revoke this share link?"
        confirmLabel="Revoke link"
        onConfirm={() => {
          if (revoking.subject) revoke.mutate(revoking.subject.id, { onSuccess: revoking.close });
        }}
        testId="share-revoke-dialog"
      >
        <p>Whoever has the link can no longer open the board pack with it. This cannot be undone.</p>
      </ConfirmDialog>
    </TitledCard>
  );
}

function ShareLinkRow({ link, onRevoke }: { link: ShareLink; onRevoke?: () => void }) {
  const state = linkState(link);
  return (
    <tr data-testid={`share-row-${link.id}`}>
      <th scope="row">{link.label || <span className="muted">No label</span>}</th>
      <td title={formatDateTime(link.createdAt)}>
        {formatDay(link.createdAt)}
        {link.createdBy ? ` by ${link.createdBy}` : ''}
      </td>
      <td>
        <StatusPill tone={state.tone} title={formatDateTime(link.expiresAt)}>
          {state.text}
        </StatusPill>
      </td>
      <td title={link.lastOpenedAt ? formatDateTime(link.lastOpenedAt) : undefined}>
        {link.lastOpenedAt ? (
          `${formatAgo(link.lastOpenedAt)} (${link.opens}×)`
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
      <td className="row-actions">
        {onRevoke && (
          <DangerTextButton
            subject={link.label || `link ${link.id}`}
            onClick={onRevoke}
            testId={`share-revoke-${link.id}`}
          >
            Revoke
          </DangerTextButton>
        )}
      </td>
    </tr>
  );
}
