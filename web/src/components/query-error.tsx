import { ErrorState } from './error-state';
import type { CardQuery } from './query-card';

/** A page's query that failed: what could not be loaded, why, and a retry that asks again. */
export function QueryError({ title, query }: { title: string; query: CardQuery<unknown> }) {
  return (
    <ErrorState
      title={title}
      error={query.error}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
    />
  );
}
