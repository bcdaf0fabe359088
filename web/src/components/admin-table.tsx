import type { ReactNode } from 'react';
import { CardHeader } from './card-header';
import { type CardQuery, QueryState } from './query-card';

/** A skeleton cell: its skeleton class (`skeleton-cell`, `skeleton-cell-wide`), with the cell's own class where it has one; null for an empty cell. */
export type SkeletonCell = string | { skeleton: string; className: string } | null;

interface DataTableProps {
  /** The table's own class beside `data-table`. */
  className: string;
  /** The header row's cells (`<th scope="col">`). */
  head: ReactNode;
  foot?: ReactNode;
  busy?: boolean;
  /** The heading that names the table: on a phone the table scrolls sideways, so the keyboard can then reach it. */
  labelledBy?: string;
  children: ReactNode;
}

/** A data table in its sideways-scrolling frame. */
export function DataTable({ className, head, foot, busy, labelledBy, children }: DataTableProps) {
  const table = (
    <table className={`data-table ${className}`} aria-busy={busy}>
      <thead>
        <tr>{head}</tr>
      </thead>
      <tbody>{children}</tbody>
      {foot && <tfoot>{foot}</tfoot>}
    </table>
  );
  if (labelledBy === undefined) return <div className="table-scroll">{table}</div>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: on a phone the table scrolls sideways; the keyboard must reach it
    <section className="table-scroll" tabIndex={0} aria-labelledby={labelledBy}>
      {table}
    </section>
  );
}

/** A header cell's name, with the cell's own class where it has one (`num`, `sticky-col`). */
export type ColumnHead = string | { name: string; className: string };

/** A list's header cells, named in order; `actions` adds the column of row buttons, named for screen readers only. */
export function ColumnHeads({ names, actions = false }: { names: ColumnHead[]; actions?: boolean }) {
  return (
    <>
      {names.map((head) => {
        const { name, className } = typeof head === 'string' ? { name: head, className: undefined } : head;
        return (
          <th key={name} scope="col" className={className}>
            {name}
          </th>
        );
      })}
      {actions && (
        <th scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      )}
    </>
  );
}

/** Rows that hold the place of a list on its way. */
export function SkeletonRows({ cells, rows = 2 }: { cells: SkeletonCell[]; rows?: number }) {
  return Array.from({ length: rows }, (_, i) => (
    <tr key={i} className="is-skeleton">
      {cells.map((cell, j) =>
        cell === null ? (
          <td key={j} />
        ) : typeof cell === 'string' ? (
          <td key={j}>
            <span className={`skeleton ${cell}`} />
          </td>
        ) : (
          <td key={j} className={cell.className}>
            <span className={`skeleton ${cell.skeleton}`} />
          </td>
        ),
      )}
    </tr>
  ));
}

interface AdminTableProps<T> extends Omit<DataTableProps, 'children' | 'busy'> {
  query: CardQuery<T[]>;
  /** The error's heading: what could not be loaded. */
  errorTitle: string;
  /** Said when the list is empty, with what to do next; without it an empty list is an empty table. */
  empty?: { title: string; text: ReactNode; action?: ReactNode };
  /** One row's skeleton, a cell each. */
  skeletonCells: SkeletonCell[];
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
  skeletonCells,
  skeletonRows,
  busyUntilLoaded = false,
  children,
  ...frame
}: AdminTableProps<T>) {
  const table = (body: ReactNode) => (
    <DataTable {...frame} busy={busyUntilLoaded ? query.data === undefined : undefined}>
      {body}
    </DataTable>
  );
  return (
    <QueryState
      query={query}
      errorTitle={errorTitle}
      isEmpty={(rows) => rows.length === 0}
      empty={empty}
      loading={table(<SkeletonRows cells={skeletonCells} rows={skeletonRows} />)}
    >
      {(rows) => table(children(rows))}
    </QueryState>
  );
}

interface AdminTableCardProps<T> extends AdminTableProps<T> {
  /** The heading's id: the card names itself by it. */
  id: string;
  title: ReactNode;
  subtitle?: ReactNode;
  /** Controls on the header's right: a button. */
  actions?: ReactNode;
  /** Between the header and the table: a note or the last action's error. */
  notice?: ReactNode;
  testId?: string;
}

/** An admin list's card: its title and sentence, then the list in whichever of its states it is. */
export function AdminTableCard<T>({
  id,
  title,
  subtitle,
  actions,
  notice,
  testId,
  ...table
}: AdminTableCardProps<T>) {
  return (
    <section className="card table-card" aria-labelledby={id} data-testid={testId}>
      <CardHeader id={id} title={title} subtitle={subtitle}>
        {actions}
      </CardHeader>
      {notice}
      <AdminTable {...table} />
    </section>
  );
}
