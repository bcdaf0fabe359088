import { useState } from 'react';
import { QueryState } from '../../../components/query-card';
import { TitledCard } from '../../../components/titled-card';
import { formatDateTime } from '../../../lib/format';
import { useConnectors } from '../api/connectors';
import { ConnectorCard, kindLabels } from './connector-card';
import { ConnectorConnect } from './connector-connect';
import '../connectors.css';

/** What the Salesforce sign-in sends the admin back with (`?connected=<id>` or `?error=<words>`). */
function returnNotice(): { connected: boolean; error: string | null } {
  const params = new URLSearchParams(window.location.search);
  return { connected: params.has('connected'), error: params.get('error') };
}

/**
 * CRMs the product reads by itself (admins): connect HubSpot or Salesforce, follow each sync, change
 * how records become leads, and disconnect.
 */
export function ConnectorsTab() {
  const list = useConnectors();
  const [notice] = useState(returnNotice);
  const live = (list.data ?? []).filter((c) => !c.revokedAt);
  const revoked = (list.data ?? []).filter((c) => c.revokedAt);
  return (
    <div className="settings-stack" data-testid="settings-connectors">
      {notice.error && (
        <p className="form-error card-error" role="alert">
          Salesforce was not connected: {notice.error}
        </p>
      )}
      {notice.connected && !notice.error && (
        <p className="status-good connector-notice" role="status">
          Salesforce is connected; its first sync has started.
        </p>
      )}
      <TitledCard
        id="connector-list-title"
        title="Connected CRMs"
        subtitle="Each sync’s counts, the records refused with their ids, and when the next sync runs."
      >
        <QueryState
          query={list}
          errorTitle="The connectors could not be loaded"
          isEmpty={() => live.length === 0}
          empty={{
            title: 'No CRM connected yet',
            text: 'Connect HubSpot or Salesforce below: leads, their stages and won deals then arrive by themselves every hour, with no CSV to export.',
          }}
          loading={
            <div
              className="connector-list"
              role="status"
              aria-busy="true"
              aria-label="Loading the connectors"
            >
              <span className="skeleton connector-skeleton" />
            </div>
          }
        >
          {() => (
            <ul className="connector-list">
              {live.map((c) => (
                <ConnectorCard key={c.id} summary={c} />
              ))}
            </ul>
          )}
        </QueryState>
      </TitledCard>

      <ConnectorConnect connected={new Set(live.map((c) => c.kind))} />

      {revoked.length > 0 && (
        <TitledCard
          id="connector-revoked-title"
          title="Disconnected"
          subtitle="Their credentials are forgotten; the leads they brought stay."
        >
          <ul className="connector-list connector-revoked" data-testid="connectors-revoked">
            {revoked.map((c) => (
              <li key={c.id} className="connector-item">
                <span className="connector-title">{kindLabels[c.kind] ?? c.kind}</span>{' '}
                <span className="row-meta">
                  connected {formatDateTime(c.createdAt)}, disconnected {formatDateTime(c.revokedAt)}
                </span>
              </li>
            ))}
          </ul>
        </TitledCard>
      )}
    </div>
  );
}
