import { formatInteger } from '../lib/format';

interface PaginationProps {
  page: number;
  pages: number;
  onPage: (page: number) => void;
  /** Asks for a neighbouring page ahead of the click, when the pointer reaches its button. */
  onPrefetch?: (page: number) => void;
}

/** "Page 2 of 9" with Previous and Next, under a paged table. */
export function Pagination({ page, pages, onPage, onPrefetch }: PaginationProps) {
  return (
    <nav className="pagination" aria-label="Pages">
      <p>
        Page {formatInteger(page)} of {formatInteger(pages)}
      </p>
      <div className="pagination-buttons">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
          onPointerEnter={() => page > 1 && onPrefetch?.(page - 1)}
        >
          Previous
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
          onPointerEnter={() => page < pages && onPrefetch?.(page + 1)}
        >
          Next
        </button>
      </div>
    </nav>
  );
}

/** The rows on screen of a paged answer, `51–100 of 3,948`; empty when there are none. */
export function pageRange({
  page,
  pageSize,
  total,
}: {
  page: number;
  pageSize: number;
  total: number;
}): string {
  if (total === 0) return '';
  const first = (page - 1) * pageSize + 1;
  return `${formatInteger(first)}–${formatInteger(Math.min(page * pageSize, total))} of ${formatInteger(total)}`;
}
