import { type FormEvent, useId, useState } from 'react';
import { AdminTableCard, ColumnHeads } from '../../../components/admin-table';
import { ConfirmDialog, useConfirmation } from '../../../components/confirm-dialog';
import { DangerTextButton } from '../../../components/danger-text-button';
import { FormError, SubmitButton, TextField } from '../../../components/form-fields';
import { SecretBox } from '../../../components/secret-box';
import { SelectField } from '../../../components/select-field';
import { StatusPill } from '../../../components/status-pill';
import { TitledCard } from '../../../components/titled-card';
import { formatAgo, formatDateTime, formatDay } from '../../../lib/format';
import { type TokenScope, useCreateToken } from '../api/create-token';
import { type ApiToken, useTokens } from '../api/get-tokens';
import { useRevokeToken } from '../api/revoke-token';

const scopes: { value: TokenScope; label: string }[] = [
  { value: 'ingest', label: 'Write leads, touches and spend' },
  { value: 'read', label: 'Read figures, metrics and exports' },
];

/** Tokens for scripts and tools, to write (ingestion) or to read (figures): make one (shown once), see which are in use, revoke. */
export function TokensTab() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('ingest');
  const revoking = useConfirmation<ApiToken>(revoke);
  const nameId = useId();
  const scopeId = useId();
  const created = create.data;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), scope }, { onSuccess: () => setName('') });
  };
  const active = tokens.data?.filter((t) => !t.revokedAt).length ?? 0;
  return (
    <div className="settings-stack" data-testid="settings-tokens">
      <TitledCard
        id="token-new-title"
        title="New API token"
        subtitle="Scripts and integrations send leads, touches and spend with an ingestion token; spreadsheets, BI tools and scripts read the figures with a read token. One token per integration, so each can be revoked alone."
      >
        <form className="token-form" onSubmit={submit} noValidate>
          <TextField
            id={nameId}
            label="Name"
            className="token-name"
            value={name}
            maxLength={100}
            placeholder="e.g. HubSpot sync"
            onValue={setName}
            hint="Who or what will use it: it is how you will recognise it in the list below."
            testId="token-name"
          />
          <SelectField
            id={scopeId}
            label="May"
            className="token-scope"
            value={scope}
            options={scopes}
            onValue={setScope}
            testId="token-scope"
          />
          <SubmitButton
            pending={create.isPending}
            pendingLabel="Creating…"
            disabled={!name.trim()}
            testId="token-create"
          >
            Create token
          </SubmitButton>
        </form>
        <FormError error={create.error} className="card-error" />
        {created && (
          <SecretBox
            title={<>Copy the token for “{created.name}” now: it is shown only once.</>}
            text={`SalesReady keeps only a fingerprint of it. Anyone who has it can ${created.scope === 'read' ? 'read every figure and export' : 'write leads'}, so keep it in a secret store, not in code. Lost it? Revoke it and make another.`}
            label={`API token ${created.name}`}
            value={created.token}
            usage={
              created.scope === 'read' ? (
                <>
                  Use it as <code>Authorization: Bearer {created.prefix}…</code> on{' '}
                  <code>GET /api/figures</code>, <code>/api/metrics/…</code> and <code>/api/exports/…</code>.
                </>
              ) : (
                <>
                  Use it as <code>Authorization: Bearer {created.prefix}…</code> on{' '}
                  <code>POST /api/ingest/leads</code>, <code>/api/ingest/touches</code> and{' '}
                  <code>/api/ingest/spend</code>.
                </>
              )
            }
            doneLabel="I have copied it"
            onDone={() => create.reset()}
            testId="token-created"
            valueTestId="token-value"
          />
        )}
      </TitledCard>

      <AdminTableCard
        id="token-list-title"
        title="Tokens"
        subtitle={
          tokens.data
            ? `${active} active${tokens.data.length > active ? `, ${tokens.data.length - active} revoked` : ''}. “Last used” shows whether an integration still runs.`
            : 'Loading…'
        }
        query={tokens}
        errorTitle="The tokens could not be loaded"
        empty={{
          title: 'No API tokens yet',
          text: 'Create one above when a script or an integration needs to send leads to SalesReady.',
        }}
        className="tokens-table"
        head={<ColumnHeads names={['Name', 'Token', 'Created', 'Last used', 'Status']} actions />}
        skeletonCells={Array(6).fill('skeleton-cell')}
      >
        {(list) =>
          list.map((token) => (
            <tr
              key={token.id}
              className={token.revokedAt ? 'is-revoked' : undefined}
              data-testid={`token-row-${token.id}`}
            >
              <th scope="row">
                {token.name}
                <span className="row-meta">{token.scope === 'read' ? 'Reads figures' : 'Writes data'}</span>
              </th>
              <td>
                <code className="token-prefix">{token.prefix}…</code>
              </td>
              <td title={formatDateTime(token.createdAt)}>{formatDay(token.createdAt)}</td>
              <td title={token.lastUsedAt ? formatDateTime(token.lastUsedAt) : undefined}>
                {token.lastUsedAt ? formatAgo(token.lastUsedAt) : <span className="muted">Never</span>}
              </td>
              <td>
                {token.revokedAt ? (
                  <StatusPill title={formatDateTime(token.revokedAt)}>
                    Revoked {formatDay(token.revokedAt)}
                  </StatusPill>
                ) : (
                  <StatusPill tone="good">Active</StatusPill>
                )}
              </td>
              <td className="row-actions">
                {!token.revokedAt && (
                  <DangerTextButton
                    subject={token.name}
                    onClick={() => revoking.ask(token)}
                    testId={`token-revoke-${token.id}`}
                  >
                    Revoke
                  </DangerTextButton>
                )}
              </td>
            </tr>
          ))
        }
      </AdminTableCard>

      <ConfirmDialog
        {...revoking.dialog}
        title={`Revoke “${revoking.subject?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        onConfirm={() => {
          if (revoking.subject) revoke.mutate(revoking.subject.id, { onSuccess: revoking.close });
        }}
        testId="token-revoke-dialog"
      >
        <p>
          Anything using <code>{revoking.subject?.prefix}…</code> is refused from now on. This cannot be
          undone: to reconnect, create a new token and give it to the integration.
        </p>
      </ConfirmDialog>
    </div>
  );
}
