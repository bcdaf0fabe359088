import type { MouseEvent, ReactNode } from 'react';
import { NumHeader } from '../../../components/num-header';
import { SkeletonTable } from '../../../components/skeleton-table';
import { definitions } from '../../../lib/definitions';
import {
  formatAge,
  formatDateTime,
  formatDay,
  formatHours,
  formatInteger,
  formatMoney,
} from '../../../lib/format';
import { leadHref } from '../../../lib/links';
import { Link, navigate } from '../../../lib/router';
import { stageName } from '../../../lib/stages';
import type { NeglectedRow } from '../api/get-neglected';
import type { StalledRow } from '../api/get-stalled';

const stalledStages: Record<StalledRow['stage'], string> = {
  sales_ready: 'salesReady',
  accepted: 'accepted',
  opportunity: 'opportunity',
};

/** A row that opens the lead's drawer: the company is the link; a click anywhere else on the row follows it. */
function LeadRow({ id, testId, children }: { id: number; testId: string; children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    navigate(leadHref(id));
  };
  return (
    <tr className="lead-row is-linked" data-testid={testId} onClick={onClick}>
      {children}
    </tr>
  );
}

function Company({
  id,
  company,
  externalId,
  meta,
}: {
  id: number;
  company: string | null;
  externalId: string;
  meta?: string | null;
}) {
  return (
    <th scope="row" className="lead-company">
      <Link to={leadHref(id)} className="row-link">
        {company ?? 'Unnamed company'}
      </Link>
      <span className="row-meta">
        {externalId}
        {meta ? ` · ${meta}` : ''}
      </span>
    </th>
  );
}

/** A list of waiting leads: the company first, then the columns in `heads`, one `LeadRow` a lead. */
function WaitingTable({
  testId,
  caption,
  heads,
  children,
}: {
  testId: string;
  caption: string;
  heads: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className="data-table leads-table waiting-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Company</th>
            {heads}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Where the lead came from and who has it, or muted words for neither. */
function SourceAndOwner({ source, owner }: { source: string | null; owner: string | null }) {
  return (
    <>
      <td className="cell-ellipsis">{source ?? <span className="muted">No source</span>}</td>
      <td className="cell-ellipsis">{owner ?? <span className="muted">Unassigned</span>}</td>
    </>
  );
}

const sourceAndOwnerHeads = (
  <>
    <th scope="col">Source</th>
    <th scope="col">Owner</th>
  </>
);

/** Neglected SRLs: sales-ready, still open, past the SLA with no sales touch; longest waiting first. */
export function NeglectedTable({ rows, slaHours }: { rows: NeglectedRow[]; slaHours: number }) {
  return (
    <WaitingTable
      testId="neglected-table"
      caption="Neglected sales-ready leads, longest waiting first; select a company to open its timeline"
      heads={
        <>
          {sourceAndOwnerHeads}
          <NumHeader title="When the lead became sales-ready (SRL).">Sales-ready</NumHeader>
          <NumHeader title={`${definitions.hoursWaiting} The SLA is ${slaHours} h.`}>Hours waiting</NumHeader>
        </>
      }
    >
      {rows.map((r) => (
        <LeadRow key={r.id} id={r.id} testId={`neglected-row-${r.id}`}>
          <Company id={r.id} company={r.company} externalId={r.externalId} meta={r.segment} />
          <SourceAndOwner source={r.source} owner={r.owner} />
          <td className="num" title={formatDateTime(r.salesReadyAt)}>
            {formatDay(r.salesReadyAt)}
          </td>
          <td className="num" title={`${formatHours(r.hoursWaiting - slaHours)} past the ${slaHours} h SLA`}>
            <span className="waiting-cell">{formatInteger(Math.floor(r.hoursWaiting))} h</span>
            <span className="cell-sub">{formatAge(r.hoursWaiting / 24)}</span>
          </td>
        </LeadRow>
      ))}
    </WaitingTable>
  );
}

/** Stalled leads: open at SRL, SAL or opportunity with no touch and no stage change for N days; quietest first. */
export function StalledTable({ rows }: { rows: StalledRow[] }) {
  return (
    <WaitingTable
      testId="stalled-table"
      caption="Stalled leads, idle longest first; select a company to open its timeline"
      heads={
        <>
          <th scope="col">Stage</th>
          {sourceAndOwnerHeads}
          <NumHeader title="When the lead reached its current stage.">In stage since</NumHeader>
          <NumHeader title={definitions.daysIdle}>Days idle</NumHeader>
          <NumHeader title={definitions.lastTouchAt}>Last activity</NumHeader>
          <NumHeader title={definitions.amount}>Amount</NumHeader>
        </>
      }
    >
      {rows.map((r) => (
        <LeadRow key={r.id} id={r.id} testId={`stalled-row-${r.id}`}>
          <Company id={r.id} company={r.company} externalId={r.externalId} />
          <td>
            <span className={`stage-pill stage-${stalledStages[r.stage]}`}>
              {stageName(stalledStages[r.stage])}
            </span>
          </td>
          <SourceAndOwner source={r.source} owner={r.owner} />
          <td className="num" title={`${formatDateTime(r.stageAt)} · ${formatAge(r.daysInStage)} in stage`}>
            {formatDay(r.stageAt)}
          </td>
          <td className="num">
            <span className="waiting-cell">{formatInteger(Math.floor(r.daysSinceActivity))}</span>
            <span className="cell-sub">{formatAge(r.daysInStage)} in stage</span>
          </td>
          <td className="num" title={formatDateTime(r.lastActivityAt)}>
            {formatDay(r.lastActivityAt)}
          </td>
          <td className="num">
            {r.amount === null ? <span className="muted">—</span> : formatMoney(r.amount)}
          </td>
        </LeadRow>
      ))}
    </WaitingTable>
  );
}

export function WaitingTableSkeleton({ columns }: { columns: number }) {
  return (
    <SkeletonTable
      className="leads-table is-skeleton"
      rows={12}
      cells={columns - 1}
      meta
      rowClassName="lead-row"
      nameClassName="lead-company"
    />
  );
}
