import { mayOpen, pageRoles, roles } from '@salesready/api/auth/role-matrix';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Brand } from '../components/brand';
import { useLogout } from '../features/auth/api/logout';
import { settingsTabs } from '../features/settings/settings-tabs';
import { useCompanySettings } from '../lib/company-settings';
import { sharedSearch } from '../lib/filters';
import { setMoneyCurrency } from '../lib/format';
import type { SessionUser } from '../lib/me';
import { Link, useLocation } from '../lib/router';

interface NavItem {
  to: string;
  label: string;
  id: string;
  /** Carry the period over (a page that spans many quarters of its own does not take it). */
  withPeriod: boolean;
}

// The shared filters (period, source, category, segment, owner) follow the reader from page to page.
const nav: NavItem[] = [
  { to: '/', label: 'Overview', id: 'overview', withPeriod: true },
  { to: '/pacing', label: 'Pacing', id: 'pacing', withPeriod: true },
  { to: '/sources', label: 'Sources', id: 'sources', withPeriod: true },
  { to: '/funnel', label: 'Funnel', id: 'funnel', withPeriod: true },
  { to: '/speed', label: 'Time to SRL', id: 'speed', withPeriod: true },
  { to: '/cohorts', label: 'Cohorts', id: 'cohorts', withPeriod: false },
  { to: '/handoff', label: 'Hand-off', id: 'handoff', withPeriod: true },
  { to: '/leads', label: 'Leads', id: 'leads', withPeriod: true },
  // The pack is company-wide: of the filters carried along, it reads only the quarter.
  { to: '/board-pack', label: 'Board pack', id: 'board-pack', withPeriod: true },
];

type Role = SessionUser['role'];

// The pages that keep the data and its definitions: importing is for admins; executives set targets.
// Who sees them is the role matrix's answer (api/src/auth/role-matrix.ts): Import for the roles that may
// import, Settings for those with a tab besides their own account's (reached from the name in the bar).
const settingsRoles = roles.filter((role) =>
  settingsTabs.some((tab) => tab !== 'security' && mayOpen(role, `settings.${tab}`)),
);
const adminNav: (NavItem & { roles: readonly Role[] })[] = [
  { to: '/imports', label: 'Import', id: 'imports', withPeriod: false, roles: pageRoles('imports') },
  { to: '/settings', label: 'Settings', id: 'settings', withPeriod: false, roles: settingsRoles },
];

const roleNames: Record<string, string> = { admin: 'Admin', executive: 'Executive', board: 'Board' };

/** The signed-in frame: product, navigation, who is signed in. */
export function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { pathname, search } = useLocation();
  const logout = useLogout();
  const adminItems = adminNav.filter((item) => item.roles.includes(user.role));
  const displayName = user.name || user.email;
  // Amounts are shown in the company's currency: the page waits for the setting (asked for
  // alongside the session check). It changes on the settings page, so the next page opened
  // formats with the new one (nothing is remounted under the admin's form).
  const settings = useCompanySettings();
  const currency = settings.data?.currency ?? 'USD';
  setMoneyCurrency(currency);
  // Below tablet landscape the sections fold into a menu; it closes on every navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const place = pathname + search;
  useEffect(() => {
    if (place) setMenuOpen(false);
  }, [place]);
  const menuButton = useRef<HTMLButtonElement>(null);
  const topbar = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!menuOpen) return;
    // Escape closes it and gives the focus back to the button; a tap outside the bar closes it.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      if (topbar.current?.contains(document.activeElement)) menuButton.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!topbar.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [menuOpen]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar" ref={topbar}>
        <div className="topbar-inner">
          <Link to="/" className="topbar-brand" aria-label="SalesReady, overview">
            <Brand />
          </Link>
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="menu-button"
          >
            <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
              <path d={menuOpen ? 'M5 5l10 10M15 5L5 15' : 'M3 5h14M3 10h14M3 15h14'} />
            </svg>
            Menu
          </button>
          <nav aria-label="Main" className="topbar-nav" id={menuId} data-open={menuOpen || undefined}>
            {nav.map((item) => (
              <Link
                key={item.to}
                to={item.to + sharedSearch(search, { withPeriod: item.withPeriod })}
                className="nav-link"
                data-testid={`nav-${item.id}`}
                aria-current={isCurrent(pathname, item.to) ? 'page' : undefined}
              >
                {item.label}
              </Link>
            ))}
            {adminItems.length > 0 && <span className="nav-divider" aria-hidden="true" />}
            {/* Admin pages take no dashboard filters along: they are about the data, not a view of it. */}
            {adminItems.map((item) => (
              <Link
                key={item.to}
                to={item.to}
                className="nav-link"
                data-testid={`nav-${item.id}`}
                aria-current={isCurrent(pathname, item.to) ? 'page' : undefined}
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="topbar-user">
            <Link
              to="/settings/security"
              className="user-link"
              title="Your account: password and sessions"
              aria-current={pathname === '/settings/security' ? 'page' : undefined}
              data-testid="nav-account"
            >
              <span className="user-avatar" aria-hidden="true">
                {initials(displayName)}
              </span>
              <span className="user-text">
                <span className="user-name">{displayName}</span>
                <span className="user-role">{roleNames[user.role] ?? user.role}</span>
              </span>
              <span className="visually-hidden">, your account</span>
            </Link>
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
        {settings.isPending ? null : children}
      </main>
    </div>
  );
}

/** A section's own path and its sub-paths (`/handoff/neglected` is in Hand-off). */
function isCurrent(pathname: string, to: string): boolean {
  return pathname === to || (to !== '/' && pathname.startsWith(`${to}/`));
}

function initials(name: string): string {
  const words = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words[1]?.[0] ?? '')).toUpperCase() || '?';
}
