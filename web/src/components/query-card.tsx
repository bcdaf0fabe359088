import type { ReactNode } from 'react';
import { CardHeader } from './card-header';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';

/** What a card needs of its query: the answer, or why there is none, and a way to ask again. */
export interface CardQuery<D> {
  data: D | undefined;
  isError: boolean;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

interface QueryStateProps<D> {
  query: CardQuery<D>;
  /** The error's heading: what could not be loaded. */
  errorTitle: string;
  /** The answer holds nothing to show: the empty state says so. */
  isEmpty?: (data: D) => boolean;
  empty?: { title: string; text: ReactNode; action?: ReactNode };
  /** What holds the place while the first answer is on its way. */
  loading: ReactNode;
  /** In a frame of its own (a chart's): the states stand in it without the card's padding. */
  bare?: boolean;
  children: (data: D) => ReactNode;
}

/** A query's four states inside a card: on its way, failed (with a retry), empty, or its answer. */
export function QueryState<D>({
  query,
  errorTitle,
  isEmpty,
  empty,
  loading,
  bare = false,
  children,
}: QueryStateProps<D>) {
  const inCard = (state: ReactNode) => (bare ? state : <div className="card-state">{state}</div>);
  if (query.data !== undefined) {
    if (empty && isEmpty?.(query.data)) return inCard(<EmptyState compact level={3} {...empty} />);
    return children(query.data);
  }
  if (query.isError)
    return inCard(
      <ErrorState
        level={3}
        title={errorTitle}
        error={query.error}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />,
    );
  return loading;
}

interface QueryCardProps<D> extends Omit<QueryStateProps<D>, 'bare'> {
  /** The heading's id: the card names itself by it. */
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  definition?: string;
  /** The card's own class beside `card`: `chart-card`, `table-card`. */
  className?: string;
  /** Controls on the header's right: exports, a legend. */
  actions?: ReactNode;
  /** A chart's height: the states and the chart stand in a frame that keeps it. */
  frameHeight?: number;
  testId?: string;
}

/** A card with its title and one query's answer, in whichever of its states it is. */
export function QueryCard<D>({
  id,
  title,
  subtitle,
  definition,
  className,
  actions,
  frameHeight,
  testId,
  ...state
}: QueryCardProps<D>) {
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id} data-testid={testId}>
      <CardHeader id={id} title={title} subtitle={subtitle} definition={definition}>
        {actions}
      </CardHeader>
      {frameHeight === undefined ? (
        <QueryState {...state} />
      ) : (
        <div className="chart-frame" style={{ height: frameHeight }}>
          <QueryState {...state} bare />
        </div>
      )}
    </section>
  );
}
