import { useQueryClient } from '@tanstack/react-query';
import { AdminTable, ColumnHeads } from '../../../components/admin-table';
import { LabelledSelect } from '../../../components/labelled-control';
import { OptionList } from '../../../components/option-list';
import { pageRange } from '../../../components/pagination';
import { TitledCard } from '../../../components/titled-card';
import { formatAgo, formatDateTime } from '../../../lib/format';
import { type AuditEntry, auditPageSize, auditQueryOptions, useAudit } from '../api/get-audit';
import { type AuditKind, auditKinds, useAuditUrl } from '../audit-url';

const actionNames: Record<string, string> = {
  'auth.setup': 'Created the first admin',
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in refused',
  'auth.sign_out': 'Signed out',
  'auth.password_change': 'Changed their password',
  'auth.password_change_failed': 'Password change refused',
  'auth.sessions_revoke_all': 'Signed out everywhere',
  'user.invite': 'Invited a user',
  'user.invite_accept': 'Accepted an invitation',
  'user.role_change': 'Changed a role',
  'user.deactivate': 'Deactivated a user',
  'user.reactivate': 'Reactivated a user',
  'settings.update': 'Changed settings',
  'source.update': 'Changed a source',
  'targets.update': 'Saved targets',
  'targets.delete': 'Removed a target',
  'import.start': 'Started an import',
  'token.create': 'Created an API token',
  'token.revoke': 'Revoked an API token',
  'connector.create': 'Connected a CRM',
  'connector.sync': 'Synced a CRM now',
  'connector.mapping': 'Changed a CRM’s mapping',
  'connector.revoke': 'Disconnected a CRM',
  export: 'Exported',
};

const failing = new Set(['auth.sign_in_failed', 'auth.password_change_failed']);

/** Details as short `key: value` pairs; the log keeps no secret, so all of it can be shown. */
function describe(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** Who did what and when: sign-ins, access, settings, targets, imports, tokens and exports. */
export function AuditTab() {
  const [url, setUrl] = useAuditUrl();
  const queryClient = useQueryClient();
  const filter = { page: url.page, ...(url.action && { action: url.action }) };
  const audit = useAudit(filter);
  const data = audit.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / auditPageSize)) : 1;
  return (
    <TitledCard
      id="audit-title"
      title="Audit log"
      subtitle="Every change to access, settings and data, and every export, newest first. Entries cannot be edited."
      className="table-card"
      testId="settings-audit"
      actions={
        <div className="filter-field audit-filter">
          <LabelledSelect
            label="Show"
            labelClassName="filter-label"
            className="filter-control"
            value={url.action ?? ''}
            onChange={(e) =>
              setUrl({ page: 1, action: (e.target.value || undefined) as AuditKind | undefined })
            }
          >
            <option value="">Everything</option>
            <OptionList options={auditKinds} />
          </LabelledSelect>
        </div>
      }
    >
      <div
        className={audit.isPlaceholderData ? 'table-body is-refreshing' : 'table-body'}
        aria-busy={audit.isPlaceholderData || (!data && !audit.isError)}
      >
        <AdminTable
          query={{ ...audit, data: data?.entries }}
          errorTitle="The audit log could not be loaded"
          empty={{ title: 'Nothing recorded', text: 'No entry of this kind yet.' }}
          className="audit-table"
          labelledBy="audit-title"
          head={<ColumnHeads names={['When', 'Who', 'What', 'On', 'Details']} />}
          skeletonCells={Array(5).fill('skeleton-cell-wide')}
          skeletonRows={5}
        >
          {(entries) => entries.map((entry) => <AuditRow key={entry.id} entry={entry} />)}
        </AdminTable>
      </div>
      {data && data.total > 0 && (
        <nav className="pagination" aria-label="Pages">
          <p>{pageRange(data)}</p>
          <div className="pagination-buttons">
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={url.page <= 1}
              onClick={() => setUrl({ ...url, page: url.page - 1 })}
            >
              Newer
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={url.page >= pages}
              onClick={() => setUrl({ ...url, page: url.page + 1 })}
              onPointerEnter={() => {
                if (url.page < pages)
                  void queryClient.prefetchQuery(auditQueryOptions({ ...filter, page: url.page + 1 }));
              }}
            >
              Older
            </button>
          </div>
        </nav>
      )}
    </TitledCard>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const details = describe(entry.details);
  return (
    <tr>
      <td>
        {formatDateTime(entry.at)}
        <span className="row-meta">{formatAgo(entry.at)}</span>
      </td>
      <td className="cell-ellipsis" title={entry.user?.email ?? undefined}>
        {entry.user ? entry.user.name || entry.user.email : <span className="muted">Unknown</span>}
      </td>
      <td>
        <span className={failing.has(entry.action) ? 'audit-action is-bad' : 'audit-action'}>
          {actionNames[entry.action] ?? entry.action}
        </span>
        <span className="row-meta">
          <code>{entry.action}</code>
        </span>
      </td>
      <td className="cell-ellipsis" title={entry.target ?? undefined}>
        {entry.target ?? <span className="muted">—</span>}
      </td>
      <td className="audit-details" title={details || undefined}>
        {details || <span className="muted">—</span>}
      </td>
    </tr>
  );
}
