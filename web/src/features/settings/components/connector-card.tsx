import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DangerTextButton } from '../../../components/danger-text-button';
import { FormError } from '../../../components/form-fields';
import { formatDateTime, formatInteger } from '../../../lib/format';
import {
  type Connector,
  type ConnectorSummary,
  useConnector,
  useDisconnectConnector,
  useSyncConnector,
} from '../api/connectors';
import { ConnectorMappingEditor } from './connector-mapping';

export const kindLabels: Record<string, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

const statusText: Record<string, { label: string; tone: string }> = {
  idle: { label: 'connected', tone: 'is-completed' },
  syncing: { label: 'syncing', tone: 'is-running' },
  pending: { label: 'awaiting sign-in', tone: 'is-running' },
  failed: { label: 'failed', tone: 'is-failed' },
  revoked: { label: 'disconnected', tone: '' },
};

// The errors a card lists at once; the rest are counted.
const errorsShown = 20;
// "Sync now" follows the run this long at most; the hourly run goes on regardless.
const watchLimitMs = 5 * 60_000;

/** One connected CRM: its status, the last run's counts and refusals, the next run, and its actions. */
export function ConnectorCard({ summary }: { summary: ConnectorSummary }) {
  const [watch, setWatch] = useState<{ before: string | null; since: number } | null>(null);
  const detail = useConnector(summary.id, watch !== null);
  const sync = useSyncConnector();
  const disconnect = useDisconnectConnector();
  const [confirming, setConfirming] = useState(false);
  const [mappingOpen, setMappingOpen] = useState(false);
  const c: Connector | ConnectorSummary = detail.data ?? summary;
  const run = c.lastRun;
  const label = kindLabels[c.kind] ?? c.kind;
  // A sync asked for is followed until a run that started after the click has finished (or failed).
  const newRun = watch !== null && run !== null && run.startedAt !== watch.before;
  const finished = newRun && (run.finishedAt !== null || c.status === 'failed');
  useEffect(() => {
    if (watch && (finished || Date.now() - watch.since > watchLimitMs)) setWatch(null);
  }, [watch, finished]);
  const syncing = c.status === 'syncing' || watch !== null;
  const status = statusText[syncing ? 'syncing' : c.status] ?? { label: c.status, tone: '' };
  const nextRunAt = detail.data?.nextRunAt ?? null;

  return (
    <li className="connector-item" data-testid={`connector-${c.id}`}>
      <div className="connector-head">
        <div>
          <p className="connector-title">
            {label} <span className={`status-pill ${status.tone}`}>{status.label}</span>
          </p>
          <p className="row-meta">
            Connected {formatDateTime(c.createdAt)}
            {nextRunAt && <> · next sync {formatDateTime(nextRunAt)}</>}
          </p>
        </div>
        <div className="connector-actions">
          <button
            type="button"
            className="button button-small"
            disabled={syncing || sync.isPending || c.status === 'pending'}
            onClick={() =>
              sync.mutate(c.id, {
                onSuccess: () => setWatch({ before: run?.startedAt ?? null, since: Date.now() }),
              })
            }
            data-testid="connector-sync"
          >
            {syncing ? 'Syncing…' : 'Sync now'}
          </button>
          <button
            type="button"
            className="button button-ghost button-small"
            aria-expanded={mappingOpen}
            onClick={() => setMappingOpen(!mappingOpen)}
            data-testid="connector-mapping-toggle"
          >
            {mappingOpen ? 'Hide mapping' : 'Mapping'}
          </button>
          <DangerTextButton
            subject={label}
            onClick={() => {
              disconnect.reset();
              setConfirming(true);
            }}
          >
            Disconnect
          </DangerTextButton>
        </div>
      </div>

      {c.message && (
        <p className="form-error" role="alert">
          {c.message}
        </p>
      )}
      <FormError error={sync.error} />
      {syncing && (
        <div className="connector-progress" role="status" data-testid="connector-progress">
          <span className="connector-progress-bar" aria-hidden="true" />
          {newRun && run ? `Syncing: ${formatInteger(run.read)} records read so far…` : 'Sync queued…'}
        </div>
      )}

      <LastRun run={run} />

      {mappingOpen && <ConnectorMappingEditor id={c.id} kind={c.kind} />}

      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${label}?`}
        confirmLabel={`Disconnect ${label}`}
        busy={disconnect.isPending}
        error={disconnect.error}
        onCancel={() => setConfirming(false)}
        onConfirm={() => disconnect.mutate(c.id, { onSuccess: () => setConfirming(false) })}
      >
        <p>
          Its credential is forgotten at once and no more syncs run. The leads it brought stay; connect again
          to go on reading.
        </p>
      </ConfirmDialog>
    </li>
  );
}

function LastRun({ run }: { run: Connector['lastRun'] }) {
  if (!run) return <p className="row-meta connector-no-run">No sync has finished yet.</p>;
  const counts: [string, number][] = [
    ['Read', run.read],
    ['Inserted', run.inserted],
    ['Updated', run.updated],
    ['Rejected', run.rejected],
    ...(run.deleted ? ([['Deleted', run.deleted]] as [string, number][]) : []),
  ];
  return (
    <div className="connector-run" data-testid="connector-last-run">
      <p className="connector-run-title">
        Last run: started {formatDateTime(run.startedAt)}
        {run.finishedAt ? `, finished ${formatDateTime(run.finishedAt)}` : ', not finished'}
      </p>
      <dl className="connector-counts">
        {counts.map(([name, value]) => (
          <div key={name} data-testid={`connector-count-${name.toLowerCase()}`}>
            <dt>{name}</dt>
            <dd>{formatInteger(value)}</dd>
          </div>
        ))}
      </dl>
      {run.errors.length > 0 && (
        <details className="connector-errors" open>
          <summary>
            {run.errors.length === 1
              ? '1 record refused'
              : `${formatInteger(run.errors.length)} records refused`}
          </summary>
          <ul data-testid="connector-errors">
            {run.errors.slice(0, errorsShown).map((e, i) => (
              <li key={`${e.recordId}-${i}`}>
                <code>{e.recordId}</code> {e.message}
              </li>
            ))}
          </ul>
          {run.errors.length > errorsShown && (
            <p className="row-meta">and {formatInteger(run.errors.length - errorsShown)} more</p>
          )}
        </details>
      )}
    </div>
  );
}
