import '../speed.css';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';
import { QueryCard } from '../../../components/query-card';
import { QueryError } from '../../../components/query-error';
import { StateAction } from '../../../components/state-action';
import { hasLeadFilter, withoutLeadFilter } from '../../../lib/filters';
import { formatDecimal, formatInteger, formatPercent } from '../../../lib/format';
import { lazyWithPreload } from '../../../lib/lazy';
import { leadsHref } from '../../../lib/links';
import { linkPeriod } from '../../../lib/period-link';
import { periodName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';
import { useSourceOptions } from '../../../lib/source-options';
import { usePinnedQueries } from '../../../lib/use-pinned-quarter';
import { useQuartersWithData } from '../../../lib/use-quarters-with-data';
import { type Speed, type SpeedSourceRow, speedQueryOptions, useSpeed } from '../api/get-speed';
import { speedDefinitions } from '../speed-definitions';
import { useSpeedFilter } from '../speed-filter';
import { SourceSpeedTable, SourceSpeedTableSkeleton } from './source-speed-table';

// ECharts is most of this page's code: the figures and the table show while it loads.
const daysHistogram = lazyWithPreload(() => import('./days-histogram').then((m) => m.DaysHistogram));
const touchesHistogram = lazyWithPreload(() => import('./touches-histogram').then((m) => m.TouchesHistogram));
const sourceChart = lazyWithPreload(() => import('./source-speed-chart').then((m) => m.SourceSpeedChart));
const histogramHeight = 280;
const maxChartedSources = 10;

/** How long leads take from creation to sales-ready, and how many marketing touches, overall and by source. */
export function SpeedPage() {
  const [filter, setFilter] = useSpeedFilter();
  const queryClient = useQueryClient();
  const speed = useSpeed(filter);
  usePinnedQueries(filter, setFilter, {
    query: speed,
    keyFor: (named) => speedQueryOptions(named).queryKey,
    labelOf: (data) => data.period.label,
  });
  const hasData = speed.data !== undefined;
  useEffect(() => {
    if (!hasData) return;
    void daysHistogram.preload();
    void touchesHistogram.preload();
    void sourceChart.preload();
  }, [hasData]);

  const data = speed.data;
  const period = data?.period ?? null;
  const periodFilter = linkPeriod(filter, period);
  const sources = useSourceOptions(periodFilter);
  const current = useQuartersWithData().data?.current.label ?? null;
  const name = period ? periodName(period) : null;
  const refreshing = speed.isPlaceholderData;
  const empty = data !== undefined && data.totals.salesReady === 0;
  const leadFilter = {
    source: filter.source,
    category: filter.category,
    segment: filter.segment,
    owner: filter.owner,
  };
  const srlsHref = (range: { srDays?: string; srTouches?: string }) =>
    leadsHref({ ...leadFilter, ...periodFilter, dateStage: 'salesReady', ...range });
  const daysHref = (i: number) => {
    const bar = data?.days[i];
    return bar ? srlsHref({ srDays: `${bar.fromDays}-${bar.toDays ?? ''}` }) : srlsHref({});
  };
  const touchesHref = (i: number) => {
    const bar = data?.touches[i];
    return bar ? srlsHref({ srTouches: `${bar.touches}-${bar.orMore ? '' : bar.touches}` }) : srlsHref({});
  };
  const linkFor = (row: SpeedSourceRow) =>
    row.sourceId === null
      ? null
      : leadsHref({ ...leadFilter, ...periodFilter, dateStage: 'salesReady', source: String(row.sourceId) });

  return (
    <div className="page">
      <PageHeader
        title="Time to sales-ready"
        period={period && name ? { ...period, name } : null}
        summary={data && <>{formatInteger(data.totals.salesReady)} leads became sales-ready</>}
        pending={speed.isPending}
        filter={filter}
        onFilter={setFilter}
        picker={{
          resolved: period,
          current,
          onIntent: (next) => void queryClient.prefetchQuery(speedQueryOptions({ ...filter, ...next })),
        }}
        filters={{ sources: sources.data ?? null }}
      />

      {speed.isError && !data ? (
        <QueryError title="Time to sales-ready could not be loaded" query={speed} />
      ) : empty ? (
        <EmptyState
          title={`No lead became sales-ready in ${name ?? 'this period'}`}
          text={
            hasLeadFilter(filter)
              ? 'No lead matching these filters became sales-ready in this period. Clear a filter or pick another period.'
              : 'Pick an earlier quarter, or import a CSV of leads with their sales-ready times or BANT.'
          }
          action={
            hasLeadFilter(filter) ? (
              <StateAction onClick={() => setFilter(withoutLeadFilter(filter))}>Clear filters</StateAction>
            ) : undefined
          }
          testId="speed-empty"
        />
      ) : (
        <div className={refreshing ? 'page-body is-refreshing' : 'page-body'} aria-busy={refreshing || !data}>
          <section aria-labelledby="speed-figures-heading">
            <h2 id="speed-figures-heading" className="visually-hidden">
              Key figures
            </h2>
            <SpeedFigures speed={data} />
          </section>

          <div className="speed-grid">
            <QueryCard
              id="days-heading"
              title="Days from creation to sales-ready"
              subtitle={
                <>
                  Each bar: the SRLs of the period that took that long. Click a bar to list them, or open
                  those <Link to={srlsHref({ srDays: '30-' })}>slower than 30 days</Link>.
                </>
              }
              className="chart-card"
              frameHeight={histogramHeight}
              query={speed}
              errorTitle="Time to sales-ready could not be loaded"
              loading={chartSkeleton}
            >
              {(data) => (
                <Suspense fallback={chartSkeleton}>
                  <daysHistogram.Component days={data.days} height={histogramHeight} hrefFor={daysHref} />
                </Suspense>
              )}
            </QueryCard>

            <QueryCard
              id="touches-heading"
              title="Marketing touches to sales-ready"
              subtitle={
                data ? (
                  <>
                    <b>{formatPercent(data.totals.touchesToSalesReady7To15Share)}</b> of SRLs took 7–15
                    touches (the shaded band: <Link to={srlsHref({ srTouches: '7-15' })}>list them</Link>
                    ). Click a bar to list its SRLs.
                  </>
                ) : (
                  <span className="skeleton skeleton-text-short" />
                )
              }
              className="chart-card"
              frameHeight={histogramHeight}
              query={speed}
              errorTitle="Time to sales-ready could not be loaded"
              loading={chartSkeleton}
            >
              {(data) => (
                <Suspense fallback={chartSkeleton}>
                  <touchesHistogram.Component
                    touches={data.touches}
                    height={histogramHeight}
                    hrefFor={touchesHref}
                  />
                </Suspense>
              )}
            </QueryCard>
          </div>

          <QueryCard
            id="by-source-heading"
            className="table-card"
            title="By source"
            subtitle="Median and 75th percentile days to sales-ready. Click a source to open its SRLs."
            query={speed}
            errorTitle="Time to sales-ready could not be loaded"
            loading={
              <>
                <div className="chart-frame speed-source-chart" style={{ height: 240 }}>
                  {chartSkeleton}
                </div>
                <SourceSpeedTableSkeleton />
              </>
            }
          >
            {(data) => (
              <>
                <SourceChartFrame speed={data} />
                <SourceSpeedTable speed={data} linkFor={linkFor} />
              </>
            )}
          </QueryCard>
        </div>
      )}
    </div>
  );
}

const chartSkeleton = <div className="skeleton skeleton-chart" aria-hidden="true" />;

/** The chart's height follows the number of sources it draws, so the table below it never jumps. */
function SourceChartFrame({ speed }: { speed: Speed }) {
  const rows = speed.bySource.filter((r) => r.medianDaysToSalesReady !== null).slice(0, maxChartedSources);
  const height = Math.max(120, 44 + rows.length * 30);
  if (rows.length === 0) return null;
  return (
    <div className="chart-frame speed-source-chart" style={{ height }}>
      <Suspense fallback={chartSkeleton}>
        <sourceChart.Component rows={rows} height={height} />
      </Suspense>
    </div>
  );
}

/** The four headline figures, each with its definition one hover away. */
function SpeedFigures({ speed }: { speed: Speed | undefined }) {
  const t = speed?.totals;
  const unmeasured = t ? t.salesReady - t.measured : 0;
  const figures = [
    {
      key: 'median',
      label: 'Median days to SRL',
      value: t && formatDecimal(t.medianDaysToSalesReady),
      definition: speedDefinitions.medianDays,
    },
    {
      key: 'p75',
      label: '75th percentile days',
      value: t && formatDecimal(t.p75DaysToSalesReady),
      definition: speedDefinitions.p75Days,
    },
    {
      key: 'touches',
      label: 'Median touches to SRL',
      value: t && formatDecimal(t.medianTouchesToSalesReady),
      definition: speedDefinitions.medianTouches,
    },
    {
      key: 'band',
      label: 'SRLs with 7–15 touches',
      value: t && formatPercent(t.touchesToSalesReady7To15Share),
      definition: speedDefinitions.share7To15,
    },
  ];
  return (
    <>
      <div className="speed-figures">
        {figures.map((f) => (
          <div key={f.key} className="speed-figure" data-testid={`speed-${f.key}`} title={f.definition}>
            <p className="kpi-label">{f.label}</p>
            <p className="kpi-value">{f.value ?? <span className="skeleton skeleton-value" />}</p>
            <p className="visually-hidden">{f.definition}</p>
          </div>
        ))}
      </div>
      {unmeasured > 0 && (
        <p className="card-note speed-note" data-testid="speed-left-out">
          {formatInteger(unmeasured)} of {formatInteger(t?.salesReady)} SRLs were recorded as sales-ready
          before they were created: they count as SRLs but are left out of the days and touches.
        </p>
      )}
    </>
  );
}
