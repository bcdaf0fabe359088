import '../settings.css';
import '../admin-tables.css';
import '../sign-in.css';
import { pageRoles } from '@salesready/api/auth/role-matrix';
import type { ReactNode } from 'react';
import { ForbiddenState } from '../../../components/forbidden-state';
import { Link, Navigate } from '../../../lib/router';
import type { Role } from '../api/get-users';
import type { SettingsTab, SettingsUser } from '../settings-tabs';
import { AuditTab } from './audit-tab';
import { ConnectorsTab } from './connectors-tab';
import { GeneralTab } from './general-tab';
import { SecurityTab } from './security-tab';
import { SignInTab } from './sign-in-tab';
import { SourcesTab } from './sources-tab';
import { SpendTab } from './spend-tab';
import { SubscriptionsTab } from './subscriptions-tab';
import { TargetsTab } from './targets-tab';
import { TokensTab } from './tokens-tab';
import { UsersTab } from './users-tab';

interface TabInfo {
  label: string;
  roles: readonly Role[];
  render: (user: SettingsUser) => ReactNode;
}

// Each tab is shown to the roles the role matrix lets call the route it needs.
const tabs: Record<SettingsTab, TabInfo> = {
  general: { label: 'General', roles: pageRoles('settings.general'), render: () => <GeneralTab /> },
  sources: { label: 'Sources', roles: pageRoles('settings.sources'), render: () => <SourcesTab /> },
  targets: { label: 'Targets', roles: pageRoles('settings.targets'), render: () => <TargetsTab /> },
  spend: { label: 'Spend', roles: pageRoles('settings.spend'), render: () => <SpendTab /> },
  tokens: { label: 'API tokens', roles: pageRoles('settings.tokens'), render: () => <TokensTab /> },
  subscriptions: {
    label: 'Subscriptions',
    roles: pageRoles('settings.subscriptions'),
    render: () => <SubscriptionsTab />,
  },
  connectors: {
    label: 'Connectors',
    roles: pageRoles('settings.connectors'),
    render: () => <ConnectorsTab />,
  },
  users: { label: 'Users', roles: pageRoles('settings.users'), render: (user) => <UsersTab me={user} /> },
  sso: { label: 'Sign-in', roles: pageRoles('settings.sso'), render: () => <SignInTab /> },
  security: { label: 'Your account', roles: pageRoles('settings.security'), render: () => <SecurityTab /> },
  audit: { label: 'Audit log', roles: pageRoles('settings.audit'), render: () => <AuditTab /> },
};

const order: SettingsTab[] = [
  'general',
  'sources',
  'targets',
  'spend',
  'subscriptions',
  'connectors',
  'tokens',
  'users',
  'sso',
  'audit',
  'security',
];

export function tabPath(tab: SettingsTab): string {
  return tab === 'general' ? '/settings' : `/settings/${tab}`;
}

/**
 * Settings: how figures are counted (General), the source taxonomy, targets, API tokens, users,
 * the audit log, and one's own password and sessions. Each tab has its own URL; a role sees the
 * tabs it may use (executives: targets; everyone: their account).
 */
export function SettingsPage({ user, tab }: { user: SettingsUser; tab: SettingsTab }) {
  const allowed = order.filter((t) => tabs[t].roles.includes(user.role));
  if (!tabs[tab].roles.includes(user.role)) {
    // Someone sent a link to a tab this role does not have: the first one it has, or a plain no.
    const first = allowed[0];
    if (tab === 'general' && first) return <Navigate to={tabPath(first)} />;
    return (
      <ForbiddenState
        title={`${tabs[tab].label}: for admins only`}
        text="Ask an admin to change this for you, or to give you the admin role in Settings → Users."
      />
    );
  }
  return (
    <div className="page" data-testid="settings-page">
      <header className="page-header">
        <div className="page-heading">
          <h1 className="page-title">
            {user.role === 'admin' ? 'Settings' : tab === 'security' ? 'Your account' : 'Settings'}
          </h1>
          <p className="page-subtitle">
            {user.role === 'admin'
              ? 'How figures are counted, where leads come from, the targets, and who has access.'
              : tab === 'security'
                ? 'Your password and where you are signed in.'
                : 'The targets that pacing and the gap are measured against.'}
          </p>
        </div>
      </header>
      {allowed.length > 1 && (
        <nav className="tabs" aria-label="Settings">
          {allowed.map((t) => (
            <Link
              key={t}
              to={tabPath(t)}
              className="tab"
              aria-current={t === tab ? 'page' : undefined}
              data-testid={`settings-tab-${t}`}
            >
              {tabs[t].label}
            </Link>
          ))}
        </nav>
      )}
      {tabs[tab].render(user)}
    </div>
  );
}
