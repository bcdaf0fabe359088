import type { MouseEvent } from 'react';
import type { MetricView } from '../../../components/view-toggle';
import { definitions } from '../../../lib/definitions';
import { formatDecimal, formatInteger, formatRate } from '../../../lib/format';
import { Link, navigate } from '../../../lib/router';
import { type LeadStage, stageLongNames, stageNames } from '../../../lib/stages';
import type { Funnel } from '../api/get-funnel';

interface FunnelTableProps {
  funnel: Funnel;
  view: MetricView;
  linkFor: (stage: LeadStage) => string;
}

/** The funnel, stage by stage: a bar for the count, then how many went on, how many dropped, and how long they took. */
export function FunnelTable({ funnel, view, linkFor }: FunnelTableProps) {
  const max = Math.max(1, ...funnel.stages.map((s) => s.count));
  const exits = funnel.exits;
  return (
    <div className="table-scroll">
      <table className="data-table funnel-table" data-testid="funnel-table">
        <caption className="visually-hidden">Funnel stages, {view} view</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th
              scope="col"
              className="funnel-bar-col"
              title={view === 'cohort' ? definitions.cohortView : definitions.periodView}
            >
              Leads reaching the stage
            </th>
            <th scope="col" className="num" title={definitions.stepConversion}>
              Step conversion
            </th>
            <th scope="col" className="num" title={definitions.cumulativeConversion}>
              Cumulative
            </th>
            <th scope="col" className="num" title={definitions.dropOff}>
              Drop-off
            </th>
            <th scope="col" className="num" title={definitions.medianDaysInStage}>
              Median days in stage
            </th>
          </tr>
        </thead>
        <tbody>
          {funnel.stages.map((step, i) => {
            const href = linkFor(step.stage);
            const share = step.count / max;
            return (
              <tr
                key={step.stage}
                className="funnel-row is-linked"
                data-testid={`funnel-stage-${step.stage}`}
                onClick={(event: MouseEvent<HTMLTableRowElement>) => {
                  if ((event.target as HTMLElement).closest('a, button')) return;
                  navigate(href);
                }}
              >
                <th scope="row" className="stage-cell">
                  <span className="stage-step" aria-hidden="true">
                    {i + 1}
                  </span>
                  <Link to={href} className="row-link" title={drillTitle(step.stage, view)}>
                    {stageNames[step.stage]}
                  </Link>
                  <span className="row-meta">{stageDetail(step.stage)}</span>
                </th>
                <td className="funnel-bar-cell">
                  <div className="funnel-bar">
                    <div className="funnel-bar-track" aria-hidden="true">
                      <div
                        className="funnel-bar-fill"
                        style={{ width: `${Math.max(share * 100, step.count > 0 ? 0.6 : 0)}%` }}
                      />
                    </div>
                    <span className="funnel-count">{formatInteger(step.count)}</span>
                  </div>
                </td>
                <td className="num">
                  {i === 0 ? <span className="muted">—</span> : formatRate(step.stepConversion)}
                </td>
                <td className="num">{formatRate(step.cumulativeConversion)}</td>
                <td className="num">
                  {step.dropOff === null ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      {formatInteger(step.dropOff)}
                      <span className="cell-sub">{formatRate(step.dropOffRate)}</span>
                    </>
                  )}
                </td>
                <td className="num">
                  {step.medianDaysInStage === null ? (
                    <span className="muted">—</span>
                  ) : (
                    formatDecimal(step.medianDaysInStage)
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tbody className="funnel-exits">
          <tr className="exit-heading">
            <th scope="rowgroup" colSpan={6}>
              Exits
            </th>
          </tr>
          {exits.map((exit) => {
            const href = linkFor(exit.stage);
            return (
              <tr
                key={exit.stage}
                className="funnel-row is-linked"
                data-testid={`funnel-exit-${exit.stage}`}
                onClick={(event: MouseEvent<HTMLTableRowElement>) => {
                  if ((event.target as HTMLElement).closest('a, button')) return;
                  navigate(href);
                }}
              >
                <th scope="row" className="stage-cell">
                  <span className="stage-step is-exit" aria-hidden="true">
                    ↳
                  </span>
                  <Link to={href} className="row-link" title={drillTitle(exit.stage, view)}>
                    {stageNames[exit.stage]}
                  </Link>
                  <span className="row-meta">
                    from{' '}
                    {stageNames[exit.from].toLowerCase() === 'lead' ? 'any stage' : stageNames[exit.from]}
                  </span>
                </th>
                <td className="funnel-bar-cell">
                  <div className="funnel-bar">
                    <div className="funnel-bar-track" aria-hidden="true">
                      <div
                        className="funnel-bar-fill is-exit"
                        style={{ width: `${(exit.count / max) * 100}%` }}
                      />
                    </div>
                    <span className="funnel-count">{formatInteger(exit.count)}</span>
                  </div>
                </td>
                <td className="num" colSpan={4}>
                  <span className="exit-rate">
                    {formatRate(exit.conversion)} of {exitBase[exit.from] ?? 'leads'}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const exitBase: Partial<Record<LeadStage, string>> = { lead: 'leads', opportunity: 'opportunities' };

function stageDetail(stage: LeadStage): string {
  const long = stageLongNames[stage];
  const m = /\((.+)\)/.exec(long);
  return m?.[1] ?? '';
}

function drillTitle(stage: LeadStage, view: MetricView): string {
  if (view === 'period' || stage === 'lead') return `Open the leads behind this count`;
  return `Open the leads created in the period whose furthest stage is now ${stageNames[stage]}`;
}

export function FunnelTableSkeleton() {
  return (
    <div className="table-scroll" aria-hidden="true">
      <table className="data-table funnel-table is-skeleton">
        <thead>
          <tr>
            <th>Stage</th>
            <th className="funnel-bar-col">Leads reaching the stage</th>
            <th className="num">Step conversion</th>
            <th className="num">Cumulative</th>
            <th className="num">Drop-off</th>
            <th className="num">Median days in stage</th>
          </tr>
        </thead>
        <tbody>
          {[100, 48, 14, 11, 5, 1.5].map((w, i) => (
            <tr key={w} className="funnel-row">
              <th className="stage-cell">
                <span className="stage-step">{i + 1}</span>
                <span className="skeleton skeleton-cell-wide" />
              </th>
              <td className="funnel-bar-cell">
                <div className="funnel-bar">
                  <div className="funnel-bar-track">
                    <div className="funnel-bar-fill is-skeleton" style={{ width: `${w}%` }} />
                  </div>
                  <span className="funnel-count">
                    <span className="skeleton skeleton-cell" />
                  </span>
                </div>
              </td>
              {[0, 1, 2, 3].map((c) => (
                <td key={c} className="num">
                  <span className="skeleton skeleton-cell" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tbody className="funnel-exits">
          <tr className="exit-heading">
            <th colSpan={6}>Exits</th>
          </tr>
          {[0, 1].map((i) => (
            <tr key={i} className="funnel-row">
              <th>
                <span className="stage-step is-exit">↳</span>
                <span className="skeleton skeleton-cell-wide" />
              </th>
              <td className="funnel-bar-cell">
                <div className="funnel-bar">
                  <div className="funnel-bar-track" />
                  <span className="funnel-count">
                    <span className="skeleton skeleton-cell" />
                  </span>
                </div>
              </td>
              <td className="num" colSpan={4}>
                <span className="skeleton skeleton-cell" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
