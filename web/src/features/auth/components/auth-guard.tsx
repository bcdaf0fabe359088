import type { ReactNode } from 'react';
import { ErrorState } from '../../../components/error-state';
import { type SessionUser, useMe } from '../../../lib/me';
import { currentPath, Navigate, useLocation } from '../../../lib/router';

/** Renders its children for a signed-in user; sends anyone else to sign in, and back here after. */
export function AuthGuard({ children }: { children: (user: SessionUser) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <div className="page-blank" aria-busy="true" />;
  if (me.isError) {
    return (
      <main className="page-center">
        <ErrorState
          title="SalesReady could not be reached"
          level={1}
          error={me.error}
          onRetry={() => void me.refetch()}
          retrying={me.isFetching}
        />
      </main>
    );
  }
  if (!me.data) {
    const here = currentPath(location);
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} />;
  }
  // An admin whose company requires two-factor sign-in sets it up before anything else.
  if (me.data.mustSetUpTotp && location.pathname !== '/settings/security') {
    return <Navigate to="/settings/security" />;
  }
  return children(me.data);
}
