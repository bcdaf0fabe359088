import { type FormEvent, useEffect, useId, useState } from 'react';
import { CardHeader } from '../../../components/card-header';
import { ErrorState } from '../../../components/error-state';
import { SelectField } from '../../../components/select-field';
import {
  type SsoSettings,
  useSaveSecurity,
  useSaveSso,
  useSecuritySettings,
  useSsoSettings,
} from '../api/sign-in-settings';
import { SaveStatus } from './save-status';

const roles = ['executive', 'board', 'admin'] as const;
type Role = (typeof roles)[number];
const roleOptions = roles.map((r) => ({ value: r, label: r.charAt(0).toUpperCase() + r.slice(1) }));

/** How people sign in (admin): two-factor for admins, and single sign-on through the company's provider. */
export function SignInTab() {
  return (
    <div className="settings-stack" data-testid="settings-signin">
      <TwoFactorPolicyCard />
      <SsoCard />
    </div>
  );
}

function TwoFactorPolicyCard() {
  const settings = useSecuritySettings();
  const save = useSaveSecurity();
  const id = useId();
  const required = save.isPending
    ? save.variables.adminTwoFactorRequired
    : settings.data?.adminTwoFactorRequired;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <CardHeader
        id={`${id}-title`}
        title="Two-factor sign-in for admins"
        subtitle="When on, an admin signs in with their password and a six-digit code from an authenticator app."
      />
      <div className="signin-body">
        {settings.isError ? (
          <ErrorState
            level={3}
            title="The setting could not be loaded"
            error={settings.error}
            onRetry={() => void settings.refetch()}
          />
        ) : (
          <label className="check">
            <input
              type="checkbox"
              data-testid="admin-2fa-required"
              disabled={settings.isPending || save.isPending}
              checked={required ?? false}
              onChange={(e) => save.mutate({ adminTwoFactorRequired: e.target.checked })}
            />
            Require two-factor sign-in for every admin
          </label>
        )}
        <SaveStatus error={save.error} saved={save.isSuccess && 'Saved.'} />
      </div>
    </section>
  );
}

interface SsoForm {
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  defaultRole: Role;
  groups: string;
  passwordSignIn: boolean;
}

const fromSettings = (s: SsoSettings): SsoForm => ({
  issuer: s.issuer ?? '',
  clientId: s.clientId ?? '',
  clientSecret: '',
  domains: s.allowedDomains.join(', '),
  defaultRole: s.defaultRole as Role,
  groups: Object.entries(s.groupRoles as Record<string, string>)
    .map(([group, role]) => `${group} = ${role}`)
    .join('\n'),
  passwordSignIn: s.passwordSignIn,
});

/** "group = role" lines, or the first line that is not one. */
function parseGroups(text: string): { roles: Record<string, Role> } | { error: string } {
  const out: Record<string, Role> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const [, group, role] = /^(.+?)\s*=\s*(\w+)$/.exec(line) ?? [];
    if (!group || !roles.includes(role as Role)) {
      return { error: `line ${i + 1}: write a group, "=", then executive, board or admin` };
    }
    out[group] = role as Role;
  }
  return { roles: out };
}

function SsoCard() {
  const settings = useSsoSettings();
  const save = useSaveSso();
  const [form, setForm] = useState<SsoForm | null>(null);
  const ids = { title: useId(), role: useId(), groups: useId() };
  useEffect(() => {
    if (settings.data && !form) setForm(fromSettings(settings.data));
  }, [settings.data, form]);
  if (settings.isError) {
    return (
      <section className="card">
        <ErrorState
          level={3}
          title="Single sign-on could not be loaded"
          error={settings.error}
          onRetry={() => void settings.refetch()}
        />
      </section>
    );
  }
  const set = (change: Partial<SsoForm>) => {
    save.reset();
    setForm((f) => (f ? { ...f, ...change } : f));
  };
  const groups = form ? parseGroups(form.groups) : { roles: {} };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!form || 'error' in groups) return;
    save.mutate(
      {
        issuer: form.issuer.trim(),
        clientId: form.clientId.trim(),
        clientSecret: form.clientSecret,
        allowedDomains: form.domains.split(/[\s,]+/).filter(Boolean),
        defaultRole: form.defaultRole,
        groupRoles: groups.roles,
        passwordSignIn: form.passwordSignIn,
      },
      { onSuccess: () => setForm((f) => (f ? { ...f, clientSecret: '' } : f)) },
    );
  };
  const kept = settings.data?.hasClientSecret;
  return (
    <section className="card" aria-labelledby={ids.title} data-testid="sso-card">
      <CardHeader
        id={ids.title}
        title="Single sign-on (OpenID Connect)"
        subtitle={
          settings.data?.configured
            ? `On: people with an address at ${settings.data.allowedDomains.join(', ')} sign in through ${settings.data.issuer}.`
            : 'Off: everyone signs in with a password. Register SalesReady with your identity provider, then fill this in.'
        }
      />
      {form ? (
        <form className="signin-form" onSubmit={submit} noValidate>
          <TextField
            label="Issuer URL"
            type="url"
            placeholder="https://login.example.com"
            value={form.issuer}
            onChange={(issuer) => set({ issuer })}
            hint={`The provider is found at this address + /.well-known/openid-configuration; the redirect URI to register is ${window.location.origin}/api/auth/sso/callback.`}
          />
          <TextField label="Client ID" value={form.clientId} onChange={(clientId) => set({ clientId })} />
          <TextField
            label="Client secret"
            type="password"
            value={form.clientSecret}
            onChange={(clientSecret) => set({ clientSecret })}
            hint={
              kept
                ? 'A secret is kept, encrypted; type it again to save changes.'
                : 'Stored encrypted; never shown again.'
            }
          />
          <TextField
            label="Email domains allowed"
            placeholder="example.com, example.org"
            value={form.domains}
            onChange={(domains) => set({ domains })}
          />
          <SelectField
            id={ids.role}
            label="Role of a new user"
            value={form.defaultRole}
            options={roleOptions}
            onValue={(defaultRole) => set({ defaultRole })}
          />
          <div className="field">
            <label htmlFor={ids.groups}>Roles by group (optional)</label>
            <textarea
              id={ids.groups}
              rows={3}
              placeholder={'sales-leaders = executive\nboard = board'}
              value={form.groups}
              aria-invalid={'error' in groups || undefined}
              onChange={(e) => set({ groups: e.target.value })}
            />
            <p className={'error' in groups ? 'field-hint is-bad' : 'field-hint'}>
              {'error' in groups
                ? groups.error
                : 'One "group = role" a line, from the ID token’s groups claim; the first match wins over the default.'}
            </p>
          </div>
          <label className="check">
            <input
              type="checkbox"
              checked={form.passwordSignIn}
              onChange={(e) => set({ passwordSignIn: e.target.checked })}
            />
            People at these domains may still sign in with a password
          </label>
          <div className="password-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="sso-save"
              disabled={save.isPending || !form.clientSecret || 'error' in groups}
            >
              {save.isPending ? 'Checking the provider…' : 'Save'}
            </button>
            <SaveStatus
              error={save.error}
              saved={save.isSuccess && 'Saved: the provider answered.'}
              testId="sso-status"
            />
          </div>
        </form>
      ) : (
        <div className="card-state">
          <span className="skeleton skeleton-cell-wide" />
        </div>
      )}
    </section>
  );
}

/** A labelled text input with an optional hint under it. */
function TextField({
  label,
  value,
  onChange,
  type = 'text',
  placeholder,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'url' | 'password';
  placeholder?: string;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}
