import { type ReactNode, Suspense, useEffect } from 'react';
import { AuthGuard } from '../features/auth/components/auth-guard';
import { lazyWithPreload } from '../lib/lazy';
import { Navigate, useLocation } from '../lib/router';
import { AppShell } from './app-shell';

// Pages load on demand so the first download stays small; a route's code starts loading as soon
// as its URL is known, in parallel with the session check.
const login = lazyWithPreload(() =>
  import('../features/auth/components/login-page').then((m) => m.LoginPage),
);
const setup = lazyWithPreload(() =>
  import('../features/auth/components/setup-page').then((m) => m.SetupPage),
);
const overview = lazyWithPreload(() =>
  import('../features/overview/components/overview-page').then((m) => m.OverviewPage),
);

interface Route {
  path: string;
  preload: () => Promise<unknown>;
  render: () => ReactNode;
}

const routes: Route[] = [
  { path: '/login', preload: login.preload, render: () => <login.Component /> },
  { path: '/setup', preload: setup.preload, render: () => <setup.Component /> },
  { path: '/', preload: overview.preload, render: () => <SignedIn page={<overview.Component />} /> },
];

const blank = <div className="page-blank" aria-busy="true" />;

function SignedIn({ page }: { page: ReactNode }) {
  return (
    <AuthGuard>
      {(user) => (
        <AppShell user={user}>
          <Suspense fallback={blank}>{page}</Suspense>
        </AppShell>
      )}
    </AuthGuard>
  );
}

export function App() {
  const { pathname } = useLocation();
  const route = routes.find((r) => r.path === pathname);
  // Signing in leads to the overview: fetch its (small) code while the person types.
  const signedOut = pathname === '/login' || pathname === '/setup';
  useEffect(() => {
    if (signedOut) void overview.preload();
  }, [signedOut]);
  if (!route) return <Navigate to="/" />;
  void route.preload();
  return <Suspense fallback={blank}>{route.render()}</Suspense>;
}
