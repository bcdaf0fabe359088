import type { MouseEvent } from 'react';
import { SkeletonTable } from '../../../components/skeleton-table';
import { SortHeader, type SortOrder } from '../../../components/sort-header';
import { definitions } from '../../../lib/definitions';
import { formatAge, formatAgo, formatDateTime, formatDay, formatMoney } from '../../../lib/format';
import { Link, navigate } from '../../../lib/router';
import type { LeadRow } from '../api/get-leads';
import type { LeadSort } from '../leads-filter';
import { BantScore, StagePill } from './stage-pill';

type Column = LeadSort | 'age';

interface LeadsTableProps {
  rows: LeadRow[];
  sort: LeadSort;
  order: SortOrder;
  onSort: (sort: LeadSort, order: SortOrder) => void;
  hrefFor: (lead: LeadRow) => string;
  selected?: number;
}

const flip = (order: SortOrder): SortOrder => (order === 'asc' ? 'desc' : 'asc');
// Text sorts A→Z first; figures and dates, largest or newest first.
const firstOrder = (column: Column): SortOrder => (column === 'company' || column === 'age' ? 'asc' : 'desc');

/** The lead list: each row opens the lead's drawer. */
export function LeadsTable({ rows, sort, order, onSort, hrefFor, selected }: LeadsTableProps) {
  // Age is creation time read the other way round: youngest first is newest created first.
  const shownSort: Column = sort === 'createdAt' ? 'age' : sort;
  const shownOrder = sort === 'createdAt' ? flip(order) : order;
  const handleSort = (column: Column) => {
    const next = shownSort === column ? flip(shownOrder) : firstOrder(column);
    if (column === 'age') onSort('createdAt', flip(next));
    else onSort(column, next);
  };
  const header = (column: Column, label: string, title?: string, align: 'start' | 'end' = 'end') => (
    <SortHeader
      column={column}
      label={label}
      title={title}
      sort={shownSort}
      order={shownOrder}
      onSort={handleSort}
      align={align}
    />
  );
  return (
    <div className="table-scroll">
      <table className="data-table leads-table" data-testid="leads-table">
        <caption className="visually-hidden">Leads; select a company to open its timeline</caption>
        <thead>
          <tr>
            {header('company', 'Company', undefined, 'start')}
            <th scope="col" title="The furthest stage the lead has reached.">
              Stage
            </th>
            <th scope="col">Source</th>
            <th scope="col">Owner</th>
            {header('bantScore', 'BANT', definitions.bantScore, 'start')}
            {header('age', 'Age', definitions.ageDays)}
            {header('salesReadyAt', 'Sales-ready', 'When the lead became sales-ready (SRL).')}
            {header('lastTouchAt', 'Last touch', definitions.lastTouchAt)}
            {header('amount', 'Amount', definitions.amount)}
          </tr>
        </thead>
        <tbody>
          {rows.map((lead) => {
            const href = hrefFor(lead);
            return (
              <tr
                key={lead.id}
                className={lead.id === selected ? 'lead-row is-linked is-selected' : 'lead-row is-linked'}
                data-testid={`lead-row-${lead.id}`}
                onClick={(event: MouseEvent<HTMLTableRowElement>) => {
                  if ((event.target as HTMLElement).closest('a, button')) return;
                  if (window.getSelection()?.toString()) return;
                  navigate(href);
                }}
              >
                <th scope="row" className="lead-company">
                  <Link to={href} className="row-link">
                    {lead.company ?? 'Unnamed company'}
                  </Link>
                  <span className="row-meta">
                    {lead.externalId}
                    {lead.segment ? ` · ${lead.segment}` : ''}
                    {lead.country ? ` · ${lead.country}` : ''}
                  </span>
                </th>
                <td>
                  <StagePill stage={lead.stage} />
                </td>
                <td className="cell-source" title={lead.source}>
                  <span className={`category-dot category-${lead.category}`} aria-hidden="true" />
                  {lead.source}
                </td>
                <td className="cell-ellipsis">{lead.owner ?? <span className="muted">Unassigned</span>}</td>
                <td>
                  <BantScore score={lead.bantScore} />
                </td>
                <td className="num" title={formatDateTime(lead.createdAt)}>
                  {formatAge(lead.ageDays)}
                </td>
                <td className="num" title={lead.salesReadyAt ? formatDateTime(lead.salesReadyAt) : undefined}>
                  {lead.salesReadyAt ? formatDay(lead.salesReadyAt) : <span className="muted">—</span>}
                </td>
                <td
                  className="num"
                  title={lead.lastTouchAt ? formatDateTime(lead.lastTouchAt) : 'No touch recorded'}
                >
                  {lead.lastTouchAt ? formatAgo(lead.lastTouchAt) : <span className="muted">—</span>}
                </td>
                <td className="num">
                  {lead.amount === null ? <span className="muted">—</span> : formatMoney(lead.amount)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function LeadsTableSkeleton({ rows = 12 }: { rows?: number }) {
  const labels = [
    'Company',
    'Stage',
    'Source',
    'Owner',
    'BANT',
    'Age',
    'Sales-ready',
    'Last touch',
    'Amount',
  ];
  return (
    <SkeletonTable
      className="leads-table is-skeleton"
      head={
        <tr>
          {labels.map((l, i) => (
            <th key={l} className={i >= 5 ? 'num' : undefined}>
              <span className="sort-button">{l}</span>
            </th>
          ))}
        </tr>
      }
      rows={rows}
      cells={labels.length - 1}
      meta
      rowClassName="lead-row"
      nameClassName="lead-company"
      cellClassName={(c) => (c >= 4 ? 'num' : undefined)}
    />
  );
}
