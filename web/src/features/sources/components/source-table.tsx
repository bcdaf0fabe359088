import { type MouseEvent, useMemo } from 'react';
import { RateNote } from '../../../components/rate-note';
import { SkeletonCell } from '../../../components/skeleton-table';
import { SortHeader, type SortOrder } from '../../../components/sort-header';
import type { MetricView } from '../../../components/view-toggle';
import { categoryNames, sourceCategories } from '../../../lib/filters';
import { formatInteger } from '../../../lib/format';
import { Link, navigate } from '../../../lib/router';
import type { LeadStage } from '../../../lib/stages';
import type { SourceFigures, SourceReport, SourceReportRow } from '../api/get-source-report';
import type { SourceSortKey } from '../sources-filter';
import { columnGroups, columnsFor, figure, type SourceColumn, sourceColumns } from './source-columns';

interface SourceTableProps {
  report: SourceReport;
  view: MetricView;
  sort: SourceSortKey;
  order: SortOrder;
  grouped: boolean;
  onSort: (key: SourceSortKey) => void;
  /** The lead list behind a source's figure; null when there is none to show (e.g. "Unknown"). */
  linkFor: (row: SourceReportRow, stage: LeadStage) => string | null;
}

/** The by-source table: per-category subtotals over their sources, and the totals underneath. */
export function SourceTable({ report, view, sort, order, grouped, onSort, linkFor }: SourceTableProps) {
  const sorted = useMemo(() => sortRows(report.rows, sort, order), [report.rows, sort, order]);
  const groups = useMemo(
    () =>
      sourceCategories
        .map((category) => ({
          category,
          subtotal: report.byCategory.find((c) => c.category === category),
          rows: sorted.filter((r) => r.category === category),
        }))
        .filter((g) => g.rows.length > 0),
    [report.byCategory, sorted],
  );
  const bases = report.rateBases;
  // A rate whose numerator is not the count beside it is marked, and the note under the table says of what.
  const marked = (column: SourceColumn) => {
    const basis = rateBasis(bases, column);
    return basis !== null && !basis.fromCountsBeside;
  };
  const header = (column: SourceColumn) => (
    <SortHeader
      key={column.key}
      column={column.key}
      label={marked(column) ? `${column.label}*` : column.label}
      title={basisTitle(column, bases, view)}
      sort={sort}
      order={order}
      onSort={onSort}
    />
  );

  const rowProps = { view, bases, linkFor };
  const notes = columnsFor(view).filter(marked);
  return (
    <>
      <div className="table-scroll">
        <table className="data-table source-table" data-testid="sources-table">
          <caption className="visually-hidden">
            Performance by source, {view === 'cohort' ? 'cohort view' : 'period view'}; sortable by every
            column.
          </caption>
          <thead>
            <tr className="group-row">
              <td className="sticky-col" />
              {columnGroups.map((group) => (
                <th
                  key={group.key}
                  scope="colgroup"
                  colSpan={sourceColumns.filter((c) => c.group === group.key).length}
                >
                  {group.label}
                </th>
              ))}
            </tr>
            <tr>
              <SortHeader
                column="source"
                label="Source"
                sort={sort}
                order={order}
                onSort={onSort}
                align="start"
                className="sticky-col"
              />
              {columnsFor(view).map(header)}
            </tr>
          </thead>
          {grouped ? (
            groups.map((group) => (
              <tbody key={group.category} className="category-group">
                {group.subtotal && (
                  <tr className="subtotal-row" data-testid={`category-row-${group.category}`}>
                    <th scope="rowgroup" className="sticky-col">
                      <span className={`category-dot category-${group.category}`} aria-hidden="true" />
                      {categoryNames[group.category]}
                      <span className="row-meta">
                        {group.rows.length} {group.rows.length === 1 ? 'source' : 'sources'}
                      </span>
                    </th>
                    <FigureCells row={group.subtotal} bases={bases} />
                  </tr>
                )}
                {group.rows.map((row) => (
                  <SourceRow key={row.sourceId ?? 'unknown'} row={row} {...rowProps} indent />
                ))}
              </tbody>
            ))
          ) : (
            <tbody>
              {sorted.map((row) => (
                <SourceRow key={row.sourceId ?? 'unknown'} row={row} {...rowProps} />
              ))}
            </tbody>
          )}
          <tfoot>
            <tr className="total-row" data-testid="sources-total">
              <th scope="row" className="sticky-col">
                All sources
              </th>
              <FigureCells row={report.totals} bases={bases} />
            </tr>
          </tfoot>
        </table>
      </div>
      {notes.length > 0 && (
        <RateNote
          view={view}
          testId="sources-rate-note"
          items={notes.map((column) => ({
            key: column.key,
            label: column.label,
            basis: rateBasis(bases, column)?.description ?? '',
          }))}
        />
      )}
    </>
  );
}

type RateBases = SourceReport['rateBases'];

/** The rate's numerator and denominator in the view, or null for a column that is no rate. */
function rateBasis(bases: RateBases, column: SourceColumn): RateBases[keyof RateBases] | null {
  return column.key in bases ? bases[column.key as keyof RateBases] : null;
}

/** A heading's definition, with what its rate divides in this view. */
function basisTitle(column: SourceColumn, bases: RateBases, view: MetricView): string {
  const basis = rateBasis(bases, column);
  return basis
    ? `${column.definition} ${view === 'cohort' ? 'Cohort' : 'Period'} view: ${basis.description}.`
    : column.definition;
}

function SourceRow({
  row,
  view,
  bases,
  linkFor,
  indent = false,
}: {
  row: SourceReportRow;
  view: MetricView;
  bases: RateBases;
  linkFor: SourceTableProps['linkFor'];
  indent?: boolean;
}) {
  const href = linkFor(row, 'lead');
  // The name is the row's link (keyboard and screen readers); a click anywhere else on the row follows it too.
  const onClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if (!href || (event.target as HTMLElement).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    navigate(href);
  };
  return (
    <tr
      className={href ? 'source-row is-linked' : 'source-row'}
      data-testid={`source-row-${row.sourceId ?? 'unknown'}`}
      onClick={onClick}
    >
      <th scope="row" className={indent ? 'sticky-col is-indented' : 'sticky-col'}>
        {!indent && <span className={`category-dot category-${row.category}`} aria-hidden="true" />}
        {href ? (
          <Link to={href} className="row-link" title={`Open the leads from ${row.source}`}>
            {row.source}
          </Link>
        ) : (
          <span title="Leads without a source">{row.source}</span>
        )}
      </th>
      <FigureCells
        row={row}
        bases={bases}
        linkFor={(stage) => (view === 'period' || stage === 'lead' ? linkFor(row, stage) : null)}
      />
    </tr>
  );
}

function FigureCells({
  row,
  bases,
  linkFor,
}: {
  row: SourceFigures;
  bases: RateBases;
  linkFor?: (stage: LeadStage) => string | null;
}) {
  return (
    <>
      {sourceColumns.map((column) => {
        const value = figure(row, column.key);
        const text = column.format(value);
        const href = column.drillStage && value ? linkFor?.(column.drillStage) : null;
        const basis = rateBasis(bases, column);
        if (basis) {
          // The rate with the two counts it divides, so it never reads against another population.
          const [n, d] = [row[basis.numerator] ?? 0, row[basis.denominator] ?? 0];
          return (
            <td key={column.key} className="num" title={`${basis.description}: ${n} of ${d}`}>
              {text}
              <span className="rate-of">
                {formatInteger(n)}/{formatInteger(d)}
              </span>
            </td>
          );
        }
        return (
          <td key={column.key} className="num" title={column.exact?.(value)}>
            {href ? (
              <Link to={href} className="cell-link">
                {text}
              </Link>
            ) : (
              text
            )}
          </td>
        );
      })}
    </>
  );
}

function sortRows(rows: SourceReportRow[], sort: SourceSortKey, order: SortOrder): SourceReportRow[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort === 'source') return sign * a.source.localeCompare(b.source);
    const x = a[sort];
    const y = b[sort];
    // No figure sorts last whichever the direction: it is not a small one.
    if (x === null || y === null) return x === y ? a.source.localeCompare(b.source) : x === null ? 1 : -1;
    return sign * (x - y) || a.source.localeCompare(b.source);
  });
}

export function SourceTableSkeleton() {
  return (
    <div className="table-scroll" aria-hidden="true">
      <table className="data-table source-table is-skeleton">
        <thead>
          <tr className="group-row">
            <td className="sticky-col" />
            {columnGroups.map((group) => (
              <th key={group.key} colSpan={sourceColumns.filter((c) => c.group === group.key).length}>
                {group.label}
              </th>
            ))}
          </tr>
          <tr>
            <th className="sticky-col">
              <span className="sort-button">Source</span>
            </th>
            {sourceColumns.map((c) => (
              <th key={c.key} className="num">
                <span className="sort-button">{c.label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: 11 }, (_, i) => (
            <tr key={i} className={i === 0 || i === 7 || i === 9 ? 'subtotal-row' : undefined}>
              <th className="sticky-col">
                <span className="skeleton skeleton-cell-wide" />
              </th>
              {sourceColumns.map((c) => (
                <SkeletonCell key={c.key} className="num" />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th className="sticky-col">All sources</th>
            {sourceColumns.map((c) => (
              <SkeletonCell key={c.key} className="num" />
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
