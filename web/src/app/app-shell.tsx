import type { ReactNode } from 'react';
import { Brand } from '../components/brand';
import type { SessionUser } from '../features/auth/api/get-me';
import { useLogout } from '../features/auth/api/logout';
import { Link, useLocation } from '../lib/router';

const nav = [{ to: '/', label: 'Overview' }];

const roleNames: Record<string, string> = { admin: 'Admin', executive: 'Executive', board: 'Board' };

/** The signed-in frame: product, navigation, who is signed in. */
export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { pathname } = useLocation();
  const logout = useLogout();
  const displayName = user.name || user.email;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to="/" className="topbar-brand" aria-label="SalesReady, overview">
            <Brand />
          </Link>
          <nav aria-label="Main" className="topbar-nav">
            {nav.map((item) => (
              <Link
                key={item.to}
                to={item.to}
                className="nav-link"
                aria-current={pathname === item.to ? 'page' : undefined}
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="topbar-user">
            <span className="user-avatar" aria-hidden="true">
              {initials(displayName)}
            </span>
            <span className="user-text">
              <span className="user-name">{displayName}</span>
              <span className="user-role">{roleNames[user.role] ?? user.role}</span>
            </span>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => logout.mutate()}
              disabled={logout.isPending}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function initials(name: string): string {
  const words = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase() || '?';
}
