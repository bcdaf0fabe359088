import '../overview.css';
import '../gap-panel.css';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ErrorState } from '../../../components/error-state';
import { chartSkeleton, LazyChartCard } from '../../../components/lazy-chart-card';
import { PageHeader } from '../../../components/page-header';
import { RefreshBody } from '../../../components/refresh-body';
import { api } from '../../../lib/api-client';
import { hasLeadFilter, leadFilterOf } from '../../../lib/filters';
import { formatInteger } from '../../../lib/format';
import { lazyWithPreload } from '../../../lib/lazy';
import { pacingQueryOptions, usePacing } from '../../../lib/pacing-query';
import { quarterName } from '../../../lib/quarters';
import { useSourceOptions } from '../../../lib/source-options';
import { usePeriodPage } from '../../../lib/use-period-page';
import { overviewQueryOptions, useOverview } from '../api/get-overview';
import { sparklinesQueryOptions, useSparklines } from '../api/get-sparklines';
import { type Targets, targetsOf, trendQueryOptions, useTrend } from '../api/get-trend';
import { useGapMetric, useOverviewFilter } from '../overview-filter';
import { AlertsList } from './alerts-list';
import { GapPanel } from './gap-panel';
import { KpiTiles, KpiTilesSkeleton } from './kpi-tiles';
import { NeglectedTile } from './neglected-tile';
import { WhatChanged } from './what-changed';

// ECharts is most of this page's code: it loads once the figures are in, so it never delays them.
const weeklyChart = lazyWithPreload(() => import('./weekly-chart').then((m) => m.WeeklyChart));
const chartHeight = 320;

export function OverviewPage() {
  const [filter, setFilter] = useOverviewFilter();
  const queryClient = useQueryClient();
  const overview = useOverview(filter);
  // The embedded database answers one query at a time: the KPIs go first and alone, then the
  // charts, then the pacing (the slowest answer), then the alerts, which read the pacing again.
  const first = !overview.isPending;
  const trend = useTrend(filter, first);
  const sparklines = useSparklines(filter, first);
  const pacing = usePacing(filter, first && !trend.isPending && !sparklines.isPending);
  const [gapMetric, setGapMetric] = useGapMetric();
  const hasData = overview.data !== undefined;

  // The default view is "this quarter"; once the server has named it, the URL names it too. Pacing is
  // the slowest answer: the pin waits for it (and every other answer), so none is asked for twice.
  const page = usePeriodPage(filter, setFilter, overview, overviewQueryOptions, {
    others: [
      { query: trend, keyFor: (named) => trendQueryOptions(named).queryKey, awaited: true },
      { query: sparklines, keyFor: (named) => sparklinesQueryOptions(named).queryKey, awaited: true },
      {
        query: pacing,
        keyFor: (named) => pacingQueryOptions(named).queryKey,
        awaited: true,
        fits: (named) => pacing.data?.quarter.label === named.quarter,
      },
    ],
  });
  useEffect(() => {
    if (hasData) void weeklyChart.preload();
  }, [hasData]);
  const { data, period, quarters: periods } = page;
  // The company's day, as the server counts it: the quarter in view says it first when under way.
  const today =
    periods?.today ??
    (data && data.daysElapsed !== null ? dayOf(data.period.from, data.daysElapsed) : undefined);
  const empty = data?.kpis.leads.value === 0;
  const refreshing = overview.isPlaceholderData || trend.isPlaceholderData;
  const progress = period && today ? quarterProgress(period, today) : null;
  const sources = useSourceOptions(filter.quarter ? { quarter: filter.quarter } : {}, first);
  const filtered = hasLeadFilter(filter);

  return (
    <div className="page">
      <PageHeader
        title="Overview"
        {...page.header}
        badge={
          progress && (
            <span
              className="page-progress"
              title={`Comparisons are with each earlier quarter as it stood on day ${progress.day}.`}
            >
              In progress · day {progress.day} of {progress.days}
            </span>
          )
        }
        period={period && { ...period, name: quarterName(period.label) }}
        summary={
          data && (
            <>
              compared with {quarterName(data.previous.label)} and {quarterName(data.yearAgo.label)}
              {data.daysElapsed !== null && ` at day ${data.daysElapsed}`}
            </>
          )
        }
        picker={{
          ...page.header.picker,
          allowRange: false,
          onChange: (next) => setFilter({ ...filter, quarter: next.quarter }),
          onIntent: (next) => {
            void queryClient.prefetchQuery(overviewQueryOptions({ ...filter, ...next }));
            void queryClient.prefetchQuery(trendQueryOptions({ ...filter, ...next }));
            void queryClient.prefetchQuery(pacingQueryOptions({ ...filter, ...next }));
          },
        }}
        actions={
          period ? (
            // A plain link: the browser shows the download while the server draws the PDF.
            <a
              className="button button-secondary"
              href={api.api.reports['board-pack.pdf'].$path({ query: { quarter: period.label } })}
              download
              title={`The board pack for ${quarterName(period.label)}: KPIs with deltas, charts, the gap and the definitions, for the whole company (filters do not apply).`}
              data-testid="board-pack"
            >
              <svg className="button-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13h10" />
              </svg>
              Board pack (PDF)
            </a>
          ) : null
        }
        filters={{ sources: sources.data ?? null }}
      />

      {overview.isError && !data ? (
        <ErrorState
          title="The overview could not be loaded"
          error={overview.error}
          onRetry={() => {
            void overview.refetch();
            void trend.refetch();
          }}
          retrying={overview.isFetching}
        />
      ) : empty && period ? (
        <EmptyQuarter quarter={quarterName(period.label)} filtered={filtered} />
      ) : (
        <RefreshBody refreshing={refreshing} loading={!data}>
          <GapPanel
            pacing={pacing.data}
            error={pacing.isError ? pacing.error : null}
            onRetry={() => void pacing.refetch()}
            retrying={pacing.isFetching}
            refreshing={pacing.isPlaceholderData}
            metric={gapMetric}
            onMetric={(m) => setGapMetric(m, { replace: true })}
            filter={filter}
          />
          <div className="attention-row">
            <AlertsList enabled={!pacing.isPending} />
            <NeglectedTile filter={leadFilterOf(filter)} enabled={!overview.isPending} />
          </div>
          <section aria-labelledby="kpi-heading">
            <h2 id="kpi-heading" className="visually-hidden">
              Key figures
            </h2>
            {data ? (
              <KpiTiles
                overview={data}
                filter={filter}
                trend={today ? sparklines.data : undefined}
                today={today ?? ''}
              />
            ) : (
              <KpiTilesSkeleton />
            )}
          </section>

          <WhatChanged filter={filter} quarter={period?.label} enabled={!overview.isPending} />

          <LazyChartCard
            id="weekly-heading"
            title="Leads and sales-ready leads per week"
            subtitle={
              trend.data ? (
                targetSummary(targetsOf(trend.data), filtered)
              ) : (
                <span className="skeleton skeleton-text-short" />
              )
            }
            query={trend}
            errorTitle="The weekly chart could not be loaded"
            height={chartHeight}
          >
            {(data) =>
              today ? (
                <weeklyChart.Component trend={data} today={today} height={chartHeight} />
              ) : (
                chartSkeleton
              )
            }
          </LazyChartCard>
        </RefreshBody>
      )}
    </div>
  );
}

function targetSummary(targets: Targets, filtered: boolean): string {
  const parts: string[] = [];
  if (targets.leads !== null) parts.push(`${formatInteger(targets.leads)} leads`);
  if (targets.salesReady !== null) parts.push(`${formatInteger(targets.salesReady)} sales-ready leads`);
  if (parts.length === 0)
    return filtered
      ? 'Targets are set for the whole company or one source: none applies to these filters.'
      : 'No targets set for this quarter.';
  return `Quarter target: ${parts.join(' and ')}; dashed lines spread it evenly over the weeks.`;
}

/** The `n`th day of a period starting on `from` (the first is day 1). */
function dayOf(from: string, n: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + (n - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** How far into the period today is, when the period is under way. */
function quarterProgress(period: { from: string; to: string }, today: string) {
  if (today < period.from || today >= period.to) return null;
  const day = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
  return { day: day(period.from, today) + 1, days: day(period.from, period.to) };
}

function EmptyQuarter({ quarter, filtered }: { quarter: string; filtered: boolean }) {
  return (
    <div className="state-panel state-empty">
      <svg className="state-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 19h16M7 15v-3M12 15V8M17 15v-5" />
      </svg>
      <h2 className="state-title">Nothing to report for {quarter}</h2>
      <p className="state-text">
        {filtered
          ? 'No lead in this quarter matches these filters — clear a filter or pick another quarter.'
          : 'No leads in this quarter yet — import a CSV or connect the ingestion API.'}
      </p>
    </div>
  );
}
