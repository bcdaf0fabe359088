import '../funnel.css';
import { CardHeader } from '../../../components/card-header';
import { EmptyState } from '../../../components/empty-state';
import { ExportLinks } from '../../../components/export-links';
import { FunnelTable, FunnelTableSkeleton } from '../../../components/funnel-table';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { RefreshBody } from '../../../components/refresh-body';
import { StateAction } from '../../../components/state-action';
import { ViewToggle } from '../../../components/view-toggle';
import { api } from '../../../lib/api-client';
import { type GlobalFilter, hasLeadFilter, withoutLeadFilter } from '../../../lib/filters';
import { formatInteger, formatRate } from '../../../lib/format';
import { leadsHref } from '../../../lib/links';
import { linkPeriod } from '../../../lib/period-link';
import { useSourceOptions } from '../../../lib/source-options';
import { type LeadStage, stageNames } from '../../../lib/stages';
import { usePeriodPage } from '../../../lib/use-period-page';
import { type Funnel, funnelQueryOptions, useFunnel } from '../api/get-funnel';
import { type FunnelFilter, useFunnelFilter } from '../funnel-filter';

const withoutView = ({ view: _view, ...rest }: FunnelFilter): GlobalFilter => rest;

/** Lead → MQL → SRL → SAL → opportunity → won: where leads go on, where they drop, how long they wait. */
export function FunnelPage() {
  const [filter, setFilter] = useFunnelFilter();
  const funnel = useFunnel(filter);
  const page = usePeriodPage(filter, setFilter, funnel, funnelQueryOptions);
  const { data, period, name } = page;
  const periodFilter = linkPeriod(filter, period);
  const sources = useSourceOptions(periodFilter);
  const empty = data !== undefined && data.anomalies.leadsInScope === 0;

  const linkFor = (stage: LeadStage) => {
    const base = { ...withoutView(filter), ...periodFilter };
    if (filter.view === 'period' || stage === 'lead') return leadsHref({ ...base, dateStage: stage });
    return leadsHref({ ...base, dateStage: 'lead', stage });
  };

  return (
    <div className="page">
      <PageHeader
        title="Funnel"
        summary={data && <>{formatInteger(data.anomalies.leadsInScope)} leads in scope</>}
        {...page.header}
        filters={{
          sources: sources.data ?? null,
          children: (
            <ViewToggle
              value={filter.view}
              periodName={name}
              onChange={(view) => setFilter({ ...filter, view })}
            />
          ),
        }}
      />

      {funnel.isError && !data ? (
        <QueryError title="The funnel could not be loaded" query={funnel} />
      ) : empty ? (
        <EmptyState
          title={`No leads in ${name ?? 'this period'}`}
          text={
            hasLeadFilter(filter)
              ? 'No lead matches these filters in this period. Clear a filter or pick another period.'
              : filter.view === 'cohort'
                ? 'No lead was created in this period. Try the period view, or an earlier quarter.'
                : 'No stage was reached in this period. Pick an earlier quarter, or import a CSV of leads.'
          }
          action={
            hasLeadFilter(filter) ? (
              <StateAction onClick={() => setFilter(withoutLeadFilter(filter))}>Clear filters</StateAction>
            ) : filter.view === 'cohort' ? (
              <StateAction onClick={() => setFilter({ ...filter, view: 'period' })}>
                Switch to the period view
              </StateAction>
            ) : undefined
          }
        />
      ) : (
        <RefreshBody refreshing={page.refreshing} loading={!data}>
          {data && (
            <FunnelSummary funnel={data} young={filter.view === 'cohort' && inProgress(data.period)} />
          )}
          <section className="card table-card" aria-labelledby="funnel-heading">
            <CardHeader
              id="funnel-heading"
              title="Stages"
              subtitle={
                filter.view === 'cohort'
                  ? 'Each stage the leads created in the period have reached so far. Click a stage to open its leads.'
                  : 'Leads that reached each stage within the period. Click a stage to open those leads.'
              }
            >
              <ExportLinks
                what="the funnel table"
                csv={api.api.exports['funnel.csv'].$path({ query: filter })}
                xlsx={api.api.exports['funnel.xlsx'].$path({ query: filter })}
              />
            </CardHeader>
            {data ? (
              <FunnelTable funnel={data} view={filter.view} linkFor={linkFor} />
            ) : (
              <FunnelTableSkeleton />
            )}
            {data ? <DataQuality anomalies={data.anomalies} /> : <div className="data-note is-placeholder" />}
          </section>
        </RefreshBody>
      )}
    </div>
  );
}

/** The one sentence an executive wants first: the biggest drop. */
function FunnelSummary({ funnel, young }: { funnel: Funnel; young: boolean }) {
  const steps = funnel.stages.filter((s) => s.stepConversion !== null && s.stage !== 'lead');
  if (steps.length === 0) return null;
  const weakest = steps.reduce((a, b) => ((b.stepConversion ?? 1) < (a.stepConversion ?? 1) ? b : a));
  const index = funnel.stages.findIndex((s) => s.stage === weakest.stage);
  const prev = funnel.stages[index - 1];
  const won = funnel.stages.find((s) => s.stage === 'won');
  return (
    <p className="insight" data-testid="funnel-insight">
      <span className="insight-label">Biggest drop</span>
      {prev ? `${stageNames[prev.stage]} → ${stageNames[weakest.stage]}` : stageNames[weakest.stage]}: only{' '}
      <b>{formatRate(weakest.stepConversion)}</b> go on ({formatInteger(weakest.dropOff)} leads stop there).
      {won && won.cumulativeConversion !== null && (
        <>
          {' '}
          Lead to won: <b>{formatRate(won.cumulativeConversion)}</b>.
        </>
      )}
      {young && (
        <span className="insight-note">
          {' '}
          These leads are still young: later stages fill in over the coming weeks.
        </span>
      )}
    </p>
  );
}

/** The period has not ended yet (the API's instants and days are compared in UTC, near enough here). */
function inProgress(period: { to: string }): boolean {
  return new Date().toISOString().slice(0, 10) < period.to;
}

function DataQuality({ anomalies }: { anomalies: Funnel['anomalies'] }) {
  const skipped = Object.entries(anomalies.skipped).filter(([, n]) => n > 0);
  const clean = anomalies.skippedAny === 0 && anomalies.outOfOrder === 0;
  return (
    <div className={clean ? 'data-note' : 'data-note is-warning'} data-testid="funnel-data-quality">
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="6.25" />
        <path d="M8 7.25v4M8 4.9v.2" />
      </svg>
      <p>
        <b>Data quality.</b>{' '}
        {clean ? (
          <>
            No skipped or out-of-order stages among the {formatInteger(anomalies.leadsInScope)} leads in
            scope.
          </>
        ) : (
          <>
            {formatInteger(anomalies.skippedAny)} of {formatInteger(anomalies.leadsInScope)} leads skipped a
            stage
            {skipped.length > 0 &&
              ` (${skipped.map(([stage, n]) => `${stageNames[stage as LeadStage]} ${formatInteger(n)}`).join(', ')})`}
            ; {formatInteger(anomalies.outOfOrder)} have stages out of order. Imported data does not guarantee
            stage order: counts follow the timestamps as recorded.
          </>
        )}
      </p>
    </div>
  );
}
