import type { ReactNode } from 'react';

interface SkeletonTableProps {
  /** The table's own classes beside `data-table`. */
  className: string;
  /** The header row, when the real table's is shown while it loads. */
  head?: ReactNode;
  rows: number;
  /** Cells after the row's name. */
  cells: number;
  /** The name has a second line under it (a lead's company and its details). */
  meta?: boolean;
  rowClassName?: string;
  nameClassName?: string;
  cellClassName?: (index: number) => string | undefined;
}

/** Rows of grey bars the size of a table, so nothing moves when its figures arrive. */
export function SkeletonTable({
  className,
  head,
  rows,
  cells,
  meta = false,
  rowClassName,
  nameClassName,
  cellClassName,
}: SkeletonTableProps) {
  return (
    <SkeletonFrame className={className} head={head}>
      <tbody>
        {Array.from({ length: rows }, (_, i) => (
          <tr key={i} className={rowClassName}>
            <th className={nameClassName}>
              <span className="skeleton skeleton-cell-wide" />
              {meta && (
                <span className="row-meta">
                  <span className="skeleton skeleton-cell" />
                </span>
              )}
            </th>
            {Array.from({ length: cells }, (_, c) => (
              <SkeletonCell key={c} className={cellClassName?.(c)} />
            ))}
          </tr>
        ))}
      </tbody>
    </SkeletonFrame>
  );
}

/** A loading table's frame, hidden from assistive technology: its classes, its header row, its bodies. */
export function SkeletonFrame({
  className,
  head,
  children,
}: {
  /** The table's own classes beside `data-table`. */
  className: string;
  head?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" aria-hidden="true">
      <table className={`data-table ${className}`}>
        {head && <thead>{head}</thead>}
        {children}
      </table>
    </div>
  );
}

/** A loading table's header row: the real table's column names, so its columns keep their widths. */
export function SkeletonHeadRow({ columns }: { columns: { label: string; className?: string }[] }) {
  return (
    <tr>
      {columns.map((c) => (
        <th key={c.label} className={c.className}>
          {c.label}
        </th>
      ))}
    </tr>
  );
}

/** One cell's grey bar, in a skeleton row. */
export function SkeletonCell({ className, colSpan }: { className?: string; colSpan?: number }) {
  return (
    <td className={className} colSpan={colSpan}>
      <span className="skeleton skeleton-cell" />
    </td>
  );
}
