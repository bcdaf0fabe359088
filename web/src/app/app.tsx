import { mayOpen } from '@salesready/api/auth/role-matrix';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, Suspense, useEffect } from 'react';
import { ForbiddenState } from '../components/forbidden-state';
import { AuthGuard } from '../features/auth/components/auth-guard';
import { prefetchOverview } from '../features/overview/api/get-overview';
import { settingsTabs } from '../features/settings/settings-tabs';
import { settingsQueryOptions } from '../lib/company-settings';
import { lazyWithPreload } from '../lib/lazy';
import type { SessionUser } from '../lib/me';
import { Navigate, useLocation } from '../lib/router';
import { AppShell } from './app-shell';

// Pages load on demand so the first download stays small; a route's code (and the overview's first
// figures) start loading as soon as its URL is known, in parallel with the session check.
const login = lazyWithPreload(() =>
  import('../features/auth/components/login-page').then((m) => m.LoginPage),
);
const setup = lazyWithPreload(() =>
  import('../features/auth/components/setup-page').then((m) => m.SetupPage),
);
const overview = lazyWithPreload(() =>
  import('../features/overview/components/overview-page').then((m) => m.OverviewPage),
);
const sources = lazyWithPreload(() =>
  import('../features/sources/components/sources-page').then((m) => m.SourcesPage),
);
const funnel = lazyWithPreload(() =>
  import('../features/funnel/components/funnel-page').then((m) => m.FunnelPage),
);
const speed = lazyWithPreload(() =>
  import('../features/speed/components/speed-page').then((m) => m.SpeedPage),
);
const cohorts = lazyWithPreload(() =>
  import('../features/cohorts/components/cohorts-page').then((m) => m.CohortsPage),
);
const pacing = lazyWithPreload(() =>
  import('../features/pacing/components/pacing-page').then((m) => m.PacingPage),
);
const handoff = lazyWithPreload(() =>
  import('../features/handoff/components/handoff-page').then((m) => m.HandoffPage),
);
const leads = lazyWithPreload(() =>
  import('../features/leads/components/leads-page').then((m) => m.LeadsPage),
);
const imports = lazyWithPreload(() =>
  import('../features/imports/components/imports-page').then((m) => m.ImportsPage),
);
const settings = lazyWithPreload(() =>
  import('../features/settings/components/settings-page').then((m) => m.SettingsPage),
);
const boardPack = lazyWithPreload(() =>
  import('../features/reports/components/board-pack-page').then((m) => m.BoardPackPage),
);
const sharedPack = lazyWithPreload(() =>
  import('../features/reports/components/shared-pack-page').then((m) => m.SharedPackPage),
);
const glossary = lazyWithPreload(() =>
  import('../features/glossary/components/glossary-page').then((m) => m.GlossaryPage),
);
const acceptInvite = lazyWithPreload(() =>
  import('../features/auth/components/accept-invite-page').then((m) => m.AcceptInvitePage),
);

/** What a route's preload may start from: the URL's query string, and the cache to fill. */
interface PreloadContext {
  search: string;
  queryClient: QueryClient;
}

interface Route {
  path: string;
  /** Safe to call on every render: what is already loading or loaded is not asked for again. */
  preload: (context: PreloadContext) => Promise<unknown>;
  render: () => ReactNode;
}

const routes: Route[] = [
  { path: '/login', preload: login.preload, render: () => <login.Component /> },
  { path: '/setup', preload: setup.preload, render: () => <setup.Component /> },
  {
    path: '/',
    preload: ({ search, queryClient }) =>
      Promise.all([overview.preload(), prefetchOverview(queryClient, search)]),
    render: () => <SignedIn page={<overview.Component />} />,
  },
  { path: '/sources', preload: sources.preload, render: () => <SignedIn page={<sources.Component />} /> },
  { path: '/funnel', preload: funnel.preload, render: () => <SignedIn page={<funnel.Component />} /> },
  { path: '/speed', preload: speed.preload, render: () => <SignedIn page={<speed.Component />} /> },
  { path: '/cohorts', preload: cohorts.preload, render: () => <SignedIn page={<cohorts.Component />} /> },
  { path: '/pacing', preload: pacing.preload, render: () => <SignedIn page={<pacing.Component />} /> },
  // The hand-off summary and its two waiting lists are one page with tabs; each list has its own URL.
  { path: '/handoff', preload: handoff.preload, render: () => <SignedIn page={<handoff.Component />} /> },
  {
    path: '/handoff/neglected',
    preload: handoff.preload,
    render: () => <SignedIn page={<handoff.Component />} />,
  },
  {
    path: '/handoff/stalled',
    preload: handoff.preload,
    render: () => <SignedIn page={<handoff.Component />} />,
  },
  { path: '/leads', preload: leads.preload, render: () => <SignedIn page={<leads.Component />} /> },
  { path: '/glossary', preload: glossary.preload, render: () => <SignedIn page={<glossary.Component />} /> },
  {
    path: '/board-pack',
    preload: boardPack.preload,
    render: () => <SignedIn page={(user) => <boardPack.Component user={user} />} />,
  },
  { path: '/accept-invite', preload: acceptInvite.preload, render: () => <acceptInvite.Component /> },
  {
    path: '/imports',
    preload: imports.preload,
    render: () => (
      <SignedIn
        page={(user) =>
          mayOpen(user.role, 'imports') ? (
            <imports.Component />
          ) : (
            <ForbiddenState
              title="Only admins import data"
              text="Ask an admin to import the file, or to make you an admin in Settings → Users."
            />
          )
        }
      />
    ),
  },
  // Settings tabs each have their own URL; the page shows the tabs the signed-in role may use.
  ...settingsTabs.map((tab) => ({
    path: tab === 'general' ? '/settings' : `/settings/${tab}`,
    preload: settings.preload,
    render: () => <SignedIn page={(user) => <settings.Component user={user} tab={tab} />} />,
  })),
];

/** `/leads/123` is the same view as `/leads?lead=123`: the drawer over the list. */
const leadPath = /^\/leads\/(\d+)\/?$/;
/** `/share/<token>`: a share link's read-only view, opened without signing in. */
const sharePath = /^\/share\/([A-Za-z0-9_-]{1,200})\/?$/;

const blank = <div className="page-blank" aria-busy="true" />;

function SignedIn({ page }: { page: ReactNode | ((user: SessionUser) => ReactNode) }) {
  return (
    <AuthGuard>
      {(user) => (
        <AppShell user={user}>
          <Suspense fallback={blank}>{typeof page === 'function' ? page(user) : page}</Suspense>
        </AppShell>
      )}
    </AuthGuard>
  );
}

export function App() {
  const { pathname, search } = useLocation();
  const queryClient = useQueryClient();
  const route = routes.find((r) => r.path === pathname);
  const leadId = leadPath.exec(pathname)?.[1];
  // Signing in leads to the overview: fetch its (small) code while the person types.
  const signedOut = pathname === '/login' || pathname === '/setup' || pathname === '/accept-invite';
  useEffect(() => {
    if (signedOut) void overview.preload();
  }, [signedOut]);
  if (leadId) {
    const params = new URLSearchParams(search);
    params.set('lead', leadId);
    return <Navigate to={`/leads?${params.toString()}`} />;
  }
  const shareToken = sharePath.exec(pathname)?.[1];
  if (shareToken) {
    void sharedPack.preload();
    return (
      <Suspense fallback={blank}>
        <sharedPack.Component token={shareToken} />
      </Suspense>
    );
  }
  if (!route) return <Navigate to="/" />;
  void route.preload({ search, queryClient });
  // Every signed-in page formats amounts in the company's currency: ask for it with the session.
  if (!signedOut) void queryClient.prefetchQuery(settingsQueryOptions());
  return <Suspense fallback={blank}>{route.render()}</Suspense>;
}
