import '../speed.css';
import { Suspense, useEffect } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { chartSkeleton, LazyChartCard } from '../../../components/lazy-chart-card';
import { PageHeader } from '../../../components/page-header';
import { QueryCard } from '../../../components/query-card';
import { QueryError } from '../../../components/query-error';
import { RefreshBody } from '../../../components/refresh-body';
import { StateAction } from '../../../components/state-action';
import { hasLeadFilter, withoutLeadFilter } from '../../../lib/filters';
import { formatDecimal, formatInteger, formatPercent } from '../../../lib/format';
import { lazyWithPreload } from '../../../lib/lazy';
import { leadsHref } from '../../../lib/links';
import { linkPeriod } from '../../../lib/period-link';
import { Link } from '../../../lib/router';
import { useSourceOptions } from '../../../lib/source-options';
import { usePeriodPage } from '../../../lib/use-period-page';
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
  const speed = useSpeed(filter);
  const page = usePeriodPage(filter, setFilter, speed, speedQueryOptions);
  const hasData = speed.data !== undefined;
  useEffect(() => {
    if (!hasData) return;
    void daysHistogram.preload();
    void touchesHistogram.preload();
    void sourceChart.preload();
  }, [hasData]);

  const { data, period, name } = page;
  const periodFilter = linkPeriod(filter, period);
  const sources = useSourceOptions(periodFilter);
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
        summary={data && <>{formatInteger(data.totals.salesReady)} leads became sales-ready</>}
        {...page.header}
        filters={{ sources: sources.data ?? null }}
      />

      {speed.isError && !data ? (
        <QueryError title={errorTitle} query={speed} />
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
        <RefreshBody refreshing={page.refreshing} loading={!data}>
          <section aria-labelledby="speed-figures-heading">
            <h2 id="speed-figures-heading" className="visually-hidden">
              Key figures
            </h2>
            <SpeedFigures speed={data} />
          </section>

          <div className="speed-grid">
            <LazyChartCard
              id="days-heading"
              title="Days from creation to sales-ready"
              subtitle={
                <>
                  Each bar: the SRLs of the period that took that long. Click a bar to list them, or open
                  those <Link to={srlsHref({ srDays: '30-' })}>slower than 30 days</Link>.
                </>
              }
              query={speed}
              errorTitle={errorTitle}
              height={histogramHeight}
            >
              {(data) => (
                <daysHistogram.Component days={data.days} height={histogramHeight} hrefFor={daysHref} />
              )}
            </LazyChartCard>

            <LazyChartCard
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
              query={speed}
              errorTitle={errorTitle}
              height={histogramHeight}
            >
              {(data) => (
                <touchesHistogram.Component
                  touches={data.touches}
                  height={histogramHeight}
                  hrefFor={touchesHref}
                />
              )}
            </LazyChartCard>
          </div>

          <QueryCard
            id="by-source-heading"
            className="table-card"
            title="By source"
            subtitle="Median and 75th percentile days to sales-ready. Click a source to open its SRLs."
            query={speed}
            errorTitle={errorTitle}
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
        </RefreshBody>
      )}
    </div>
  );
}

const errorTitle = 'Time to sales-ready could not be loaded';

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
    figure('median', 'Median days to SRL', t && formatDecimal(t.medianDaysToSalesReady), 'medianDays'),
    figure('p75', '75th percentile days', t && formatDecimal(t.p75DaysToSalesReady), 'p75Days'),
    figure(
      'touches',
      'Median touches to SRL',
      t && formatDecimal(t.medianTouchesToSalesReady),
      'medianTouches',
    ),
    figure(
      'band',
      'SRLs with 7–15 touches',
      t && formatPercent(t.touchesToSalesReady7To15Share),
      'share7To15',
    ),
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

function figure(key: string, label: string, value: string | undefined, term: keyof typeof speedDefinitions) {
  return { key, label, value, definition: speedDefinitions[term] };
}
