import type { ReactNode } from 'react';
import { type CardQuery, QueryState } from './query-card';

interface AdminTableProps<T> {
  query: CardQuery<T[]>;
  /** The error's heading: what could not be loaded. */
  errorTitle: string;
  /** Said when the list is empty, with what to do next. */
  empty: { title: string; text: ReactNode; action?: ReactNode };
  /** The table's own class beside `data-table`. */
  className: string;
  /** The header row's cells (`<th scope="col">`). */
  head: ReactNode;
  /** One row's skeleton, a skeleton class a cell (`skeleton-cell`, `skeleton-cell-wide`). */
  skeletonCells: string[];
  skeletonRows?: number;
  /** The table says it is busy until the first answer is in. */
  busyUntilLoaded?: boolean;
  children: (rows: T[]) => ReactNode;
}

/** An admin list in a card: skeleton rows while it loads, the error with a retry, the empty state, the rows. */
export function AdminTable<T>({
  query,
  errorTitle,
  empty,
  className,
  head,
  skeletonCells,
  skeletonRows = 2,
  busyUntilLoaded = false,
  children,
}: AdminTableProps<T>) {
  const table = (body: ReactNode) => (
    <div className="table-scroll">
      <table
        className={`data-table ${className}`}
        aria-busy={busyUntilLoaded ? query.data === undefined : undefined}
      >
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{body}</tbody>
      </table>
    </div>
  );
  const skeleton = Array.from({ length: skeletonRows }, (_, i) => (
    <tr key={i} className="is-skeleton">
      {skeletonCells.map((cell, j) => (
        <td key={j}>
          <span className={`skeleton ${cell}`} />
        </td>
      ))}
    </tr>
  ));
  return (
    <QueryState
      query={query}
      errorTitle={errorTitle}
      isEmpty={(rows) => rows.length === 0}
      empty={empty}
      loading={table(skeleton)}
    >
      {(rows) => table(children(rows))}
    </QueryState>
  );
}
