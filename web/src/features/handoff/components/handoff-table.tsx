import { type ReactNode, useMemo } from 'react';
import { SkeletonTable } from '../../../components/skeleton-table';
import { SortHeader } from '../../../components/sort-header';
import { definitions } from '../../../lib/definitions';
import { formatHours, formatInteger, formatPercent } from '../../../lib/format';
import type { HandoffFigures } from '../api/get-handoff';
import type { HandoffSort, SortOrder, TableSort } from '../handoff-filter';

/** Below this SLA attainment a row is flagged (the alert's threshold). */
export const slaAttainmentGoal = 0.9;

export interface HandoffRow {
  key: string;
  name: string;
  /** The row's leads in the lead list, when there is such a list (not for "no owner"). */
  href: string | null;
  figures: HandoffFigures;
}

interface HandoffTableProps {
  /** What the rows are: "Source", "Owner". */
  dimension: string;
  rows: HandoffRow[];
  total: HandoffFigures;
  sort: TableSort;
  onSort: (next: TableSort) => void;
  slaHours: number;
  testId: string;
  renderName: (row: HandoffRow) => ReactNode;
}

// Names sort A→Z first; hours and breaches (worse when larger) largest first; rates lowest first.
const firstOrder: Record<HandoffSort, SortOrder> = {
  name: 'asc',
  salesReady: 'desc',
  medianHours: 'desc',
  p75Hours: 'desc',
  breached: 'desc',
  slaAttainment: 'asc',
  acceptedRate: 'asc',
  rejectedRate: 'desc',
  disqualifiedRate: 'desc',
};

/** Speed to lead and acceptance per source or per owner; rows under the SLA goal are flagged. */
export function HandoffTable({
  dimension,
  rows,
  total,
  sort,
  onSort,
  slaHours,
  testId,
  renderName,
}: HandoffTableProps) {
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const handleSort = (column: HandoffSort) =>
    onSort({
      sort: column,
      order: sort.sort === column ? (sort.order === 'asc' ? 'desc' : 'asc') : firstOrder[column],
    });
  const header = (column: HandoffSort, label: string, title?: string, align: 'start' | 'end' = 'end') => (
    <SortHeader
      column={column}
      label={label}
      title={title}
      sort={sort.sort}
      order={sort.order}
      onSort={handleSort}
      align={align}
    />
  );
  return (
    <div className="table-scroll">
      <table className="data-table handoff-table" data-testid={testId}>
        <caption className="visually-hidden">
          Speed to lead and hand-off by {dimension.toLowerCase()}; sortable by every column. Rows under{' '}
          {Math.round(slaAttainmentGoal * 100)}% SLA attainment are flagged.
        </caption>
        <thead>
          <tr>
            {header('name', dimension, undefined, 'start')}
            {header('salesReady', 'SRLs', definitions.salesReady)}
            {header('medianHours', 'Median to follow-up', definitions.medianHours)}
            {header('p75Hours', 'p75', definitions.p75Hours)}
            {header('breached', `Breached ${slaHours} h`, definitions.breached)}
            {header('slaAttainment', 'SLA attainment', definitions.slaAttainment)}
            {header('acceptedRate', 'Accepted', definitions.acceptedRate)}
            {header('rejectedRate', 'Rejected', definitions.rejectedRate)}
            {header('disqualifiedRate', 'Disqualified', definitions.disqualifiedRate)}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <Row key={row.key} row={row} renderName={renderName} />
          ))}
        </tbody>
        <tfoot>
          <Row
            row={{ key: 'total', name: 'All', href: null, figures: total }}
            renderName={() => 'All sales-ready leads'}
            total
          />
        </tfoot>
      </table>
    </div>
  );
}

function Row({
  row,
  renderName,
  total = false,
}: {
  row: HandoffRow;
  renderName: (row: HandoffRow) => ReactNode;
  total?: boolean;
}) {
  const f = row.figures;
  const breaching = f.slaAttainment !== null && f.slaAttainment < slaAttainmentGoal;
  const classes = [total ? 'total-row' : '', breaching ? 'is-breaching' : ''].filter(Boolean).join(' ');
  return (
    <tr className={classes || undefined} data-testid={total ? undefined : `handoff-row-${row.key}`}>
      <th scope="row" className="handoff-name">
        {renderName(row)}
      </th>
      <td className="num">{formatInteger(f.salesReady)}</td>
      <td className="num">{formatHours(f.medianHours)}</td>
      <td className="num">{formatHours(f.p75Hours)}</td>
      <td className={f.breached > 0 ? 'num breach-count' : 'num'}>
        {formatInteger(f.breached)}
        {f.pending > 0 && (
          <span className="cell-aside" title={definitions.pending}>
            {' '}
            +{f.pending} pending
          </span>
        )}
      </td>
      <td className="num">
        {f.slaAttainment === null ? (
          <span className="muted">—</span>
        ) : (
          <span
            className={breaching ? 'sla-chip is-bad' : 'sla-chip is-good'}
            title={`${f.withinSla} within the SLA, ${f.breached} breached`}
          >
            {breaching && <span className="visually-hidden">Under goal: </span>}
            {formatPercent(f.slaAttainment)}
          </span>
        )}
      </td>
      <td className="num">{formatPercent(f.acceptedRate)}</td>
      <td className="num">{formatPercent(f.rejectedRate)}</td>
      <td className="num">{formatPercent(f.disqualifiedRate)}</td>
    </tr>
  );
}

function sortRows(rows: HandoffRow[], { sort, order }: TableSort): HandoffRow[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort === 'name') return sign * a.name.localeCompare(b.name);
    const x = a.figures[sort];
    const y = b.figures[sort];
    // No figure sorts last whichever the direction: it is not a small one.
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    return sign * (x - y) || a.name.localeCompare(b.name);
  });
}

export function HandoffTableSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <SkeletonTable className="handoff-table is-skeleton" rows={rows} cells={8} cellClassName={() => 'num'} />
  );
}
