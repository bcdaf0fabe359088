import type { ReactNode } from 'react';

export type SortOrder = 'asc' | 'desc';

interface SortHeaderProps<K extends string> {
  column: K;
  label: ReactNode;
  /** The figure's definition, shown on hover and read out with the heading. */
  title?: string;
  sort: K | null;
  order: SortOrder;
  onSort: (column: K) => void;
  align?: 'start' | 'end';
  className?: string;
}

/** A column heading that sorts: a button inside the header cell, with `aria-sort` on the cell. */
export function SortHeader<K extends string>({
  column,
  label,
  title,
  sort,
  order,
  onSort,
  align = 'end',
  className,
}: SortHeaderProps<K>) {
  const active = sort === column;
  const classes = [align === 'end' ? 'num' : '', className ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <th
      scope="col"
      className={classes}
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button
        type="button"
        className={active ? 'sort-button is-active' : 'sort-button'}
        onClick={() => onSort(column)}
        title={title}
      >
        <span className="sort-label">{label}</span>
        <svg className="sort-icon" viewBox="0 0 10 14" aria-hidden="true" focusable="false">
          <path className={active && order === 'asc' ? 'on' : ''} d="M5 1.5 8.5 5.5h-7z" />
          <path className={active && order === 'desc' ? 'on' : ''} d="M5 12.5 1.5 8.5h7z" />
        </svg>
      </button>
    </th>
  );
}
