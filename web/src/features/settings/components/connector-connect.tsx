import { type FormEvent, useId, useState } from 'react';
import { CardHeader } from '../../../components/card-header';
import { errorMessage } from '../../../lib/api-client';
import { useCreateConnector } from '../api/connectors';

/**
 * Connect a CRM: HubSpot with a private app's token, Salesforce with a connected app (its consumer key
 * and secret, by the client-credentials flow or by signing in at Salesforce). A secret typed here is
 * sent once, stored encrypted, and never shown again.
 */
export function ConnectorConnect({ connected }: { connected: ReadonlySet<string> }) {
  return (
    <section className="card" aria-labelledby="connector-new-title">
      <CardHeader
        id="connector-new-title"
        title="Connect a CRM"
        subtitle="Leads are read every hour, with only what changed since the last sync. Secrets are stored encrypted and never shown again."
      />
      <div className="connector-connect">
        {connected.has('hubspot') ? (
          <p className="row-meta connector-connected-note">
            HubSpot is connected: disconnect it above to use another account.
          </p>
        ) : (
          <HubSpotForm />
        )}
        {connected.has('salesforce') ? (
          <p className="row-meta connector-connected-note">
            Salesforce is connected: disconnect it above to use another org.
          </p>
        ) : (
          <SalesforceForm />
        )}
      </div>
    </section>
  );
}

function HubSpotForm() {
  const create = useCreateConnector();
  const [token, setToken] = useState('');
  const ids = { token: useId(), hint: useId(), title: useId() };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ kind: 'hubspot', accessToken: token.trim() }, { onSuccess: () => setToken('') });
  };
  return (
    <form className="connector-form" onSubmit={submit} noValidate aria-labelledby={ids.title}>
      <h3 id={ids.title} className="connector-form-title">
        HubSpot
      </h3>
      <div className="field">
        <label htmlFor={ids.token}>Private app access token</label>
        <input
          id={ids.token}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          placeholder="pat-na1-…"
          aria-describedby={ids.hint}
          onChange={(e) => setToken(e.target.value)}
          data-testid="hubspot-token"
        />
        <p id={ids.hint} className="field-hint">
          HubSpot → Settings → Integrations → Private apps, with the scopes crm.objects.contacts.read,
          crm.objects.deals.read and crm.objects.owners.read.
        </p>
      </div>
      <button
        type="submit"
        className="button button-primary"
        disabled={create.isPending || token.trim().length === 0}
        data-testid="hubspot-connect"
      >
        {create.isPending ? 'Connecting…' : 'Connect HubSpot'}
      </button>
      {create.isError && (
        <p className="form-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}

function SalesforceForm() {
  const create = useCreateConnector();
  const [loginUrl, setLoginUrl] = useState('https://login.salesforce.com');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const ids = { url: useId(), id: useId(), secret: useId(), hint: useId(), title: useId() };
  const ready = loginUrl.trim() && clientId.trim() && clientSecret.trim();
  const connect = (flow: 'client_credentials' | 'web_server') =>
    create.mutate(
      { kind: 'salesforce', loginUrl: loginUrl.trim(), clientId: clientId.trim(), clientSecret, flow },
      {
        onSuccess: (answer) => {
          setClientSecret('');
          // Signing in happens at Salesforce, which sends the admin back to this tab.
          if (flow === 'web_server' && answer.authorizeUrl) window.location.assign(answer.authorizeUrl);
        },
      },
    );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    connect('client_credentials');
  };
  return (
    <form className="connector-form" onSubmit={submit} noValidate aria-labelledby={ids.title}>
      <h3 id={ids.title} className="connector-form-title">
        Salesforce
      </h3>
      <div className="field">
        <label htmlFor={ids.url}>Login URL</label>
        <input
          id={ids.url}
          type="url"
          value={loginUrl}
          onChange={(e) => setLoginUrl(e.target.value)}
          data-testid="salesforce-login-url"
        />
      </div>
      <div className="field">
        <label htmlFor={ids.id}>Consumer key (client id)</label>
        <input
          id={ids.id}
          autoComplete="off"
          spellCheck={false}
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          data-testid="salesforce-client-id"
        />
      </div>
      <div className="field">
        <label htmlFor={ids.secret}>Consumer secret (client secret)</label>
        <input
          id={ids.secret}
          type="password"
          autoComplete="off"
          value={clientSecret}
          aria-describedby={ids.hint}
          onChange={(e) => setClientSecret(e.target.value)}
          data-testid="salesforce-client-secret"
        />
        <p id={ids.hint} className="field-hint">
          From the connected app (Setup → App Manager). “Connect” uses its client-credentials flow; “Sign in
          with Salesforce” asks you to approve access at Salesforce instead.
        </p>
      </div>
      <div className="connector-form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending || !ready}
          data-testid="salesforce-connect"
        >
          {create.isPending ? 'Connecting…' : 'Connect'}
        </button>
        <button
          type="button"
          className="button"
          disabled={create.isPending || !ready}
          onClick={() => connect('web_server')}
          data-testid="salesforce-sign-in"
        >
          Sign in with Salesforce
        </button>
      </div>
      {create.isError && (
        <p className="form-error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}
