import '../sources.css';
import { Suspense, useCallback, useEffect, useMemo } from 'react';
import { CardHeader } from '../../../components/card-header';
import { EmptyState } from '../../../components/empty-state';
import { ErrorState } from '../../../components/error-state';
import { ExportLinks } from '../../../components/export-links';
import { PageHeader } from '../../../components/page-header';
import { QueryCard } from '../../../components/query-card';
import { RefreshBody } from '../../../components/refresh-body';
import { StateAction } from '../../../components/state-action';
import { ViewToggle } from '../../../components/view-toggle';
import { api } from '../../../lib/api-client';
import { definitions } from '../../../lib/definitions';
import { type GlobalFilter, hasLeadFilter, withoutLeadFilter } from '../../../lib/filters';
import { formatInteger, formatMoney, formatMoneyCompact } from '../../../lib/format';
import { lazyWithPreload } from '../../../lib/lazy';
import { leadsHref } from '../../../lib/links';
import { linkPeriod } from '../../../lib/period-link';
import { navigate } from '../../../lib/router';
import { usePeriodPage } from '../../../lib/use-period-page';
import { attributionQueryOptions, useAttribution } from '../api/get-attribution';
import { campaignReportQueryOptions, useCampaignReport } from '../api/get-campaign-report';
import { type SourceReportRow, sourceReportQueryOptions, useSourceReport } from '../api/get-source-report';
import { type SourceSortKey, type SourcesFilter, useSourcesUrl } from '../sources-filter';
import { CampaignTable } from './campaign-table';
import { MarketingContribution } from './marketing-contribution';
import { SourceTable, SourceTableSkeleton } from './source-table';

// ECharts loads once the figures are in, so it never delays the table.
const qualityScatter = lazyWithPreload(() => import('./quality-scatter').then((m) => m.QualityScatter));
const attributionChart = lazyWithPreload(() => import('./attribution-chart').then((m) => m.AttributionChart));
const scatterHeight = 340;

const withoutView = ({ view: _view, ...rest }: SourcesFilter): GlobalFilter => rest;

/** The CMO's screen: each source's volume, quality, speed, conversion, revenue and cost. */
export function SourcesPage() {
  const [url, setUrl] = useSourcesUrl();
  const { filter } = url;
  const report = useSourceReport(filter);
  const attributionFilter = useMemo(() => withoutView(filter), [filter]);
  const attribution = useAttribution(attributionFilter);
  const campaigns = useCampaignReport(filter);

  const setFilter = useCallback(
    (next: SourcesFilter, options?: { replace?: boolean }) => setUrl({ ...url, filter: next }, options),
    [url, setUrl],
  );
  const page = usePeriodPage(filter, setFilter, report, sourceReportQueryOptions, {
    others: [
      { query: attribution, keyFor: (named) => attributionQueryOptions(withoutView(named)).queryKey },
      { query: campaigns, keyFor: (named) => campaignReportQueryOptions(named).queryKey },
    ],
  });

  const { data, period, name, current } = page;
  const hasData = data !== undefined;
  useEffect(() => {
    if (hasData) {
      void qualityScatter.preload();
      void attributionChart.preload();
    }
  }, [hasData]);

  const empty = data !== undefined && data.rows.length === 0;

  const drillPeriod = linkPeriod(filter, period);
  const linkFor = (
    row: { sourceId: number | null },
    dateStage: Parameters<typeof leadsHref>[0]['dateStage'],
  ) =>
    row.sourceId === null
      ? null
      : leadsHref({ ...attributionFilter, ...drillPeriod, source: String(row.sourceId), dateStage });

  return (
    <div className="page">
      <PageHeader
        title="Sources"
        summary={
          data && (
            <>
              {formatInteger(data.totals.leads)} leads from {data.rows.length}{' '}
              {data.rows.length === 1 ? 'source' : 'sources'}
            </>
          )
        }
        {...page.header}
        filters={{
          children: (
            <ViewToggle
              value={filter.view}
              periodName={name}
              onChange={(view) => setFilter({ ...filter, view })}
            />
          ),
        }}
      />

      {report.isError && !data ? (
        <ErrorState
          title="The sources could not be loaded"
          error={report.error}
          onRetry={() => {
            void report.refetch();
            void attribution.refetch();
          }}
          retrying={report.isFetching}
        />
      ) : empty ? (
        <EmptyState
          title={`No leads in ${name ?? 'this period'}`}
          text={
            hasLeadFilter(filter)
              ? 'No source has leads that match these filters. Clear a filter or pick another period.'
              : 'No source has leads in this period yet. Pick an earlier quarter, or import a CSV of leads.'
          }
          action={
            hasLeadFilter(filter) ? (
              <StateAction onClick={() => setFilter(withoutLeadFilter(filter))}>Clear filters</StateAction>
            ) : filter.quarter && filter.quarter !== current ? (
              <StateAction
                onClick={() =>
                  setFilter({ ...filter, quarter: current ?? undefined, from: undefined, to: undefined })
                }
              >
                Show the current quarter
              </StateAction>
            ) : undefined
          }
        />
      ) : (
        <RefreshBody refreshing={page.refreshing} loading={!data}>
          <section className="card table-card" aria-labelledby="source-table-heading">
            <CardHeader
              id="source-table-heading"
              title="Performance by source"
              subtitle={
                <>
                  Click a source to open its leads
                  {filter.view === 'period' ? ', or a count to open the leads behind it' : ''}. Hover a
                  heading for its definition.
                </>
              }
            >
              <div className="card-actions">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={url.grouped}
                    onChange={(e) => setUrl({ ...url, grouped: e.target.checked }, { replace: true })}
                  />
                  Group by category
                </label>
                <ExportLinks
                  what="the sources table"
                  csv={api.api.exports['sources.csv'].$path({ query: filter })}
                  xlsx={api.api.exports['sources.xlsx'].$path({ query: filter })}
                />
              </div>
            </CardHeader>
            {data ? (
              <SourceTable
                report={data}
                view={filter.view}
                sort={url.sort}
                order={url.order}
                grouped={url.grouped}
                onSort={(key: SourceSortKey) =>
                  setUrl(
                    {
                      ...url,
                      sort: key,
                      order:
                        url.sort === key
                          ? url.order === 'asc'
                            ? 'desc'
                            : 'asc'
                          : key === 'source'
                            ? 'asc'
                            : 'desc',
                    },
                    { replace: true },
                  )
                }
                linkFor={linkFor}
              />
            ) : (
              <SourceTableSkeleton />
            )}
          </section>

          <QueryCard
            id="campaign-heading"
            title="Cost by campaign"
            subtitle="Spend matched to the leads’ campaigns by name; cost figures where a campaign has spend."
            className="table-card"
            testId="campaign-card"
            query={campaigns}
            errorTitle="The campaigns could not be loaded"
            isEmpty={(data) => data.rows.length === 0}
            empty={{
              title: 'No campaigns in this period',
              text: 'Leads and spend name their campaign when the CRM export or the ad platform’s export has one.',
            }}
            loading={<div className="skeleton skeleton-chart" aria-hidden="true" />}
          >
            {(data) => <CampaignTable report={data} />}
          </QueryCard>

          <div className="card-grid">
            <section className="card chart-card" aria-labelledby="scatter-heading">
              <CardHeader
                id="scatter-heading"
                title="Volume and quality"
                subtitle="Leads against SRL rate; bubble size is won revenue."
              />
              <div className="chart-frame" style={{ height: scatterHeight }}>
                {data ? (
                  <Suspense fallback={chartSkeleton}>
                    <qualityScatter.Component
                      rows={data.rows}
                      average={data.totals.salesReadyRate}
                      height={scatterHeight}
                      onSelect={(row: SourceReportRow) => {
                        const href = linkFor(row, 'lead');
                        if (href) navigate(href);
                      }}
                    />
                  </Suspense>
                ) : (
                  chartSkeleton
                )}
              </div>
            </section>

            <QueryCard
              id="contribution-heading"
              title="Marketing contribution"
              subtitle="Sourced and influenced overlap: never add them."
              query={attribution}
              errorTitle="Marketing contribution could not be loaded"
              loading={<ContributionSkeleton />}
            >
              {(data) => <MarketingContribution marketing={data.marketing} />}
            </QueryCard>
          </div>

          <QueryCard
            id="attribution-heading"
            title="Won revenue by attribution model"
            subtitle={
              attribution.data ? (
                <>
                  <span title={formatMoney(attribution.data.totals.wonRevenue)}>
                    {formatMoneyCompact(attribution.data.totals.wonRevenue)}
                  </span>{' '}
                  won from {formatInteger(attribution.data.totals.deals)} deals in {name}, credited to sources
                  three ways. Deals won in the period, in either view.
                </>
              ) : (
                <span className="skeleton skeleton-text-short" />
              )
            }
            className="chart-card"
            actions={<ModelKey />}
            frameHeight={attributionHeight(attribution.data?.rows.length)}
            query={attribution}
            errorTitle="Attribution could not be loaded"
            isEmpty={(data) => data.rows.length === 0}
            empty={{
              title: 'No deals won in this period',
              text: 'Attribution splits won revenue; pick a period with won deals.',
            }}
            loading={chartSkeleton}
          >
            {(data) => (
              <Suspense fallback={chartSkeleton}>
                <attributionChart.Component
                  attribution={data}
                  height={attributionHeight(data.rows.length)}
                  onSelect={(row) => {
                    const href = linkFor(row, 'won');
                    if (href) navigate(href);
                  }}
                />
              </Suspense>
            )}
          </QueryCard>
        </RefreshBody>
      )}
    </div>
  );
}

const chartSkeleton = <div className="skeleton skeleton-chart" aria-hidden="true" />;

function attributionHeight(rows: number | undefined): number {
  return 28 + Math.max(rows ?? 8, 3) * 40;
}

function ModelKey() {
  return (
    <dl className="model-key">
      <div title={definitions.firstTouch}>
        <dt>First touch</dt>
        <dd>the first marketing touch</dd>
      </div>
      <div title={definitions.lastTouch}>
        <dt>Last touch</dt>
        <dd>the last one before SRL</dd>
      </div>
      <div title={definitions.linear}>
        <dt>Linear</dt>
        <dd>split over all of them</dd>
      </div>
    </dl>
  );
}

function ContributionSkeleton() {
  return (
    <div className="contribution" aria-hidden="true">
      {[0, 1].map((i) => (
        <div key={i} className="contribution-block">
          <div className="contribution-head">
            <span className="skeleton skeleton-cell-wide" />
            <span className="skeleton skeleton-value" />
          </div>
          <span className="skeleton skeleton-bar" />
          <span className="skeleton skeleton-bar" />
        </div>
      ))}
    </div>
  );
}
