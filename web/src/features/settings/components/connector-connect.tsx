import { type FormEvent, useId, useState } from 'react';
import { FormError, SubmitButton, TextField } from '../../../components/form-fields';
import { TitledCard } from '../../../components/titled-card';
import { useCreateConnector } from '../api/connectors';

/**
 * Connect a CRM: HubSpot with a private app's token, Salesforce with a connected app (its consumer key
 * and secret, by the client-credentials flow or by signing in at Salesforce). A secret typed here is
 * sent once, stored encrypted, and never shown again.
 */
export function ConnectorConnect({ connected }: { connected: ReadonlySet<string> }) {
  return (
    <TitledCard
      id="connector-new-title"
      title="Connect a CRM"
      subtitle="Leads are read every hour, with only what changed since the last sync. Secrets are stored encrypted and never shown again."
    >
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
    </TitledCard>
  );
}

function HubSpotForm() {
  const create = useCreateConnector();
  const [token, setToken] = useState('');
  const ids = { token: useId(), title: useId() };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ kind: 'hubspot', accessToken: token.trim() }, { onSuccess: () => setToken('') });
  };
  return (
    <form className="connector-form" onSubmit={submit} noValidate aria-labelledby={ids.title}>
      <h3 id={ids.title} className="connector-form-title">
        HubSpot
      </h3>
      <TextField
        id={ids.token}
        label="Private app access token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        placeholder="pat-na1-…"
        onValue={setToken}
        hint="HubSpot → Settings → Integrations → Private apps, with the scopes crm.objects.contacts.read, crm.objects.deals.read and crm.objects.owners.read."
        testId="hubspot-token"
      />
      <SubmitButton
        pending={create.isPending}
        pendingLabel="Connecting…"
        disabled={token.trim().length === 0}
        testId="hubspot-connect"
      >
        Connect HubSpot
      </SubmitButton>
      <FormError error={create.error} />
    </form>
  );
}

function SalesforceForm() {
  const create = useCreateConnector();
  const [loginUrl, setLoginUrl] = useState('https://login.salesforce.com');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const ids = { url: useId(), id: useId(), secret: useId(), title: useId() };
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
      <TextField
        id={ids.url}
        label="Login URL"
        type="url"
        value={loginUrl}
        onValue={setLoginUrl}
        testId="salesforce-login-url"
      />
      <TextField
        id={ids.id}
        label="Consumer key (client id)"
        autoComplete="off"
        spellCheck={false}
        value={clientId}
        onValue={setClientId}
        testId="salesforce-client-id"
      />
      <TextField
        id={ids.secret}
        label="Consumer secret (client secret)"
        type="password"
        autoComplete="off"
        value={clientSecret}
        onValue={setClientSecret}
        hint="From the connected app (Setup → App Manager). “Connect” uses its client-credentials flow; “Sign in with Salesforce” asks you to approve access at Salesforce instead."
        testId="salesforce-client-secret"
      />
      <div className="connector-form-actions">
        <SubmitButton
          pending={create.isPending}
          pendingLabel="Connecting…"
          disabled={!ready}
          testId="salesforce-connect"
        >
          Connect
        </SubmitButton>
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
      <FormError error={create.error} />
    </form>
  );
}
