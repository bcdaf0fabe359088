import type { ReactNode } from 'react';

/** A page's or table's figures: dimmed while an older answer stands in, busy until the first is in. */
export function RefreshBody({
  refreshing,
  loading,
  className = 'page-body',
  children,
}: {
  refreshing: boolean;
  /** The first answer is not in yet. */
  loading: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={refreshing ? `${className} is-refreshing` : className} aria-busy={refreshing || loading}>
      {children}
    </div>
  );
}
