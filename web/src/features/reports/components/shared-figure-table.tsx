import type { ReactNode } from 'react';

/** One figure's column: its heading, the definition shown on hover, and its cell in a row. */
export interface FigureColumn<F> {
  key: string;
  label: ReactNode;
  title?: string;
  cell: (figures: F) => ReactNode;
}

interface FigureTableProps<F, Row extends F> {
  /** What the table holds, read out before it. */
  caption: string;
  testId: string;
  /** The heading over the rows' names. */
  rowsLabel: ReactNode;
  rowHeader: (row: Row) => ReactNode;
  rowKey: (row: Row) => string;
  columns: FigureColumn<F>[];
  rows: Row[];
  /** The totals, as the last row of the body. */
  total?: { label: ReactNode; figures: F };
}

/** A table of the shared board pack: a row per name, its figures, and the totals last. */
export function FigureTable<F, Row extends F>({
  caption,
  testId,
  rowsLabel,
  rowHeader,
  rowKey,
  columns,
  rows,
  total,
}: FigureTableProps<F, Row>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways on a phone must take the keyboard (axe: scrollable-region-focusable).
    <div className="table-scroll shared-table" tabIndex={0}>
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowsLabel}</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="num" title={c.title}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row">{rowHeader(row)}</th>
              <FigureCells columns={columns} figures={row} />
            </tr>
          ))}
          {total && (
            <tr className="total-row">
              <th scope="row">{total.label}</th>
              <FigureCells columns={columns} figures={total.figures} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function FigureCells<F>({ columns, figures }: { columns: FigureColumn<F>[]; figures: F }) {
  return columns.map((c) => (
    <td key={c.key} className="num">
      {c.cell(figures)}
    </td>
  ));
}
