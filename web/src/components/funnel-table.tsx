import type { MouseEvent, ReactNode } from 'react';
import { definitions } from '../lib/definitions';
import { formatDecimal, formatInteger, formatRate } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { type LeadStage, stageLongNames, stageNames } from '../lib/stages';
import { RateNote } from './rate-note';
import { SkeletonBox } from './skeleton-box';
import { SkeletonCell, SkeletonFrame, SkeletonHeadRow } from './skeleton-table';
import type { MetricView } from './view-toggle';

/** The funnel's figures, as the funnel endpoint and the shared board pack both give them. */
export interface FunnelFigures {
  stages: {
    stage: LeadStage;
    count: number;
    stepConversion: number | null;
    /** The numerators of the two rates (absent from a board pack frozen before they were answered). */
    converted?: number | null;
    cumulativeConversion: number | null;
    reachedFromCreated?: number;
    dropOff: number | null;
    dropOffRate: number | null;
    medianDaysInStage: number | null;
  }[];
  exits: { stage: LeadStage; from: LeadStage; count: number; conversion: number | null; left?: number }[];
  /** What each rate divides in this view, in words. */
  rateBases?: Record<
    'stepConversion' | 'cumulativeConversion' | 'exitConversion',
    { numerator: string; denominator: string; numeratorIsCount: boolean }
  >;
}

type RowKind = 'stage' | 'exit';

interface FunnelTableProps {
  funnel: FunnelFigures;
  view: MetricView;
  /** The leads behind a stage. Without it the rows open nothing: a share link's reader has no lead list. */
  linkFor?: (stage: LeadStage) => string;
  /** Test ids of the table and of a row, by its stage. */
  testIds?: { table: string; row: (stage: LeadStage, kind: RowKind) => string };
}

const dashboardTestIds = {
  table: 'funnel-table',
  row: (stage: LeadStage, kind: RowKind) => `funnel-${kind}-${stage}`,
};

/** The funnel, stage by stage: a bar for the count, then how many went on, how many dropped, and how long they took. */
export function FunnelTable({ funnel, view, linkFor, testIds = dashboardTestIds }: FunnelTableProps) {
  const max = Math.max(1, ...funnel.stages.map((s) => s.count));
  const bases = funnel.rateBases;
  const rows = { view, linkFor, testIds };
  const leads = funnel.stages[0]?.count ?? 0;
  // A rate whose numerator is not the count in its row is marked, and the note under the table says of what.
  const marked = (rate: 'stepConversion' | 'cumulativeConversion') =>
    bases && !bases[rate].numeratorIsCount ? '*' : '';
  const notes = (['stepConversion', 'cumulativeConversion'] as const)
    .filter((rate) => marked(rate))
    .map((rate) => ({
      key: rate,
      label: rate === 'stepConversion' ? 'Step conversion' : 'Cumulative',
      basis: bases ? `${bases[rate].numerator} ÷ ${bases[rate].denominator}` : '',
    }));
  const basisTitle = (rate: 'stepConversion' | 'cumulativeConversion' | 'exitConversion') =>
    bases ? ` ${bases[rate].numerator} ÷ ${bases[rate].denominator}.` : '';
  const of = (n: number | null | undefined, d: number) =>
    n === undefined || n === null ? null : (
      <span className="cell-sub rate-of-inline">
        {formatInteger(n)} of {formatInteger(d)}
      </span>
    );
  return (
    <>
      <div className="table-scroll">
        <table className="data-table funnel-table" data-testid={testIds.table}>
          <caption className="visually-hidden">Funnel stages, {view} view: counts and conversion</caption>
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
              <th
                scope="col"
                className="num"
                title={`${definitions.stepConversion}${basisTitle('stepConversion')}`}
              >
                Step conversion{marked('stepConversion')}
              </th>
              <th
                scope="col"
                className="num"
                title={`${definitions.cumulativeConversion}${basisTitle('cumulativeConversion')}`}
              >
                Cumulative{marked('cumulativeConversion')}
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
            {funnel.stages.map((step, i) => (
              <Row
                key={step.stage}
                stage={step.stage}
                kind="stage"
                mark={i + 1}
                meta={stageDetail(step.stage)}
                {...rows}
              >
                <td className="funnel-bar-cell">
                  <Bar share={step.count / max} count={step.count} />
                </td>
                <td className="num">
                  {i === 0 ? (
                    <Missing />
                  ) : (
                    <>
                      {formatRate(step.stepConversion)}
                      {of(step.converted, funnel.stages[i - 1]?.count ?? 0)}
                    </>
                  )}
                </td>
                <td className="num">
                  {formatRate(step.cumulativeConversion)}
                  {of(step.reachedFromCreated, leads)}
                </td>
                <td className="num">
                  {step.dropOff === null ? (
                    <Missing />
                  ) : (
                    <>
                      {formatInteger(step.dropOff)}
                      <span className="cell-sub">{formatRate(step.dropOffRate)}</span>
                    </>
                  )}
                </td>
                <td className="num">
                  {step.medianDaysInStage === null ? <Missing /> : formatDecimal(step.medianDaysInStage)}
                </td>
              </Row>
            ))}
          </tbody>
          <tbody className="funnel-exits">
            <tr className="exit-heading">
              <th scope="rowgroup" colSpan={6}>
                Exits
              </th>
            </tr>
            {funnel.exits.map((exit) => (
              <Row
                key={exit.stage}
                stage={exit.stage}
                kind="exit"
                mark="↳"
                meta={`from ${exit.from === 'lead' ? 'any stage' : stageNames[exit.from]}`}
                {...rows}
              >
                <td className="funnel-bar-cell">
                  <Bar share={exit.count / max} count={exit.count} exit />
                </td>
                <td className="num" colSpan={4}>
                  <span className="exit-rate" title={basisTitle('exitConversion').trim() || undefined}>
                    {formatRate(exit.conversion)} of {exitBase[exit.from] ?? 'leads'}
                    {exit.left !== undefined &&
                      ` (${formatInteger(exit.left)} of ${formatInteger(
                        funnel.stages.find((s) => s.stage === exit.from)?.count ?? 0,
                      )})`}
                  </span>
                </td>
              </Row>
            ))}
          </tbody>
        </table>
      </div>
      {bases && notes.length > 0 && <RateNote view={view} testId="funnel-rate-note" items={notes} />}
    </>
  );
}

interface RowProps extends Pick<FunnelTableProps, 'view' | 'linkFor'> {
  stage: LeadStage;
  kind: RowKind;
  /** The step's number, or the exit's arrow. */
  mark: ReactNode;
  meta: string;
  testIds: NonNullable<FunnelTableProps['testIds']>;
  children: ReactNode;
}

/** A stage's row: its header cell names the stage and, with a link, the whole row opens its leads. */
function Row({ stage, kind, mark, meta, view, linkFor, testIds, children }: RowProps) {
  const href = linkFor?.(stage);
  return (
    <tr
      className={href ? 'funnel-row is-linked' : 'funnel-row'}
      data-testid={testIds.row(stage, kind)}
      onClick={
        href
          ? (event: MouseEvent<HTMLTableRowElement>) => {
              if ((event.target as HTMLElement).closest('a, button')) return;
              navigate(href);
            }
          : undefined
      }
    >
      <th scope="row" className="stage-cell">
        <span className={kind === 'exit' ? 'stage-step is-exit' : 'stage-step'} aria-hidden="true">
          {mark}
        </span>
        {href ? (
          <Link to={href} className="row-link" title={drillTitle(stage, view)}>
            {stageNames[stage]}
          </Link>
        ) : (
          stageNames[stage]
        )}
        <span className="row-meta">{meta}</span>
      </th>
      {children}
    </tr>
  );
}

function Bar({ share, count, exit = false }: { share: number; count: number; exit?: boolean }) {
  return (
    <div className="funnel-bar">
      <div className="funnel-bar-track" aria-hidden="true">
        <div
          className={exit ? 'funnel-bar-fill is-exit' : 'funnel-bar-fill'}
          // A sliver for a count too small to see, so it never reads as zero.
          style={{ width: `${Math.max(share * 100, count > 0 ? 0.6 : 0)}%` }}
        />
      </div>
      <span className="funnel-count">{formatInteger(count)}</span>
    </div>
  );
}

const Missing = () => <span className="muted">—</span>;

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
    <SkeletonFrame className="funnel-table is-skeleton" head={<SkeletonHeadRow columns={skeletonColumns} />}>
      <tbody>
        {[100, 48, 14, 11, 5, 1.5].map((w, i) => (
          <tr key={w} className="funnel-row">
            <th className="stage-cell">
              <span className="stage-step">{i + 1}</span>
              <span className="skeleton skeleton-cell-wide" />
            </th>
            <SkeletonBar width={w} />
            {[0, 1, 2, 3].map((c) => (
              <SkeletonCell key={c} className="num" />
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
            <SkeletonBar />
            <SkeletonCell className="num" colSpan={4} />
          </tr>
        ))}
      </tbody>
    </SkeletonFrame>
  );
}

const skeletonColumns = [
  { label: 'Stage' },
  { label: 'Leads reaching the stage', className: 'funnel-bar-col' },
  { label: 'Step conversion', className: 'num' },
  { label: 'Cumulative', className: 'num' },
  { label: 'Drop-off', className: 'num' },
  { label: 'Median days in stage', className: 'num' },
];

/** A bar's cell while the counts load: the stages' bars keep a typical funnel's shape, the exits' none. */
function SkeletonBar({ width }: { width?: number }) {
  return (
    <td className="funnel-bar-cell">
      <div className="funnel-bar">
        {width === undefined ? (
          <div className="funnel-bar-track" />
        ) : (
          <div className="funnel-bar-track">
            <div className="funnel-bar-fill is-skeleton" style={{ width: `${width}%` }} />
          </div>
        )}
        <SkeletonBox as="span" className="funnel-count" bar="cell" />
      </div>
    </td>
  );
}
