import '../cohorts.css';
import { CardHeader } from '../../../components/card-header';
import { EmptyState } from '../../../components/empty-state';
import { ExportLinks } from '../../../components/export-links';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { RefreshBody } from '../../../components/refresh-body';
import { Segmented } from '../../../components/segmented';
import { StateAction } from '../../../components/state-action';
import { api } from '../../../lib/api-client';
import { hasLeadFilter } from '../../../lib/filters';
import { formatInteger, formatLongDate } from '../../../lib/format';
import { leadsHref } from '../../../lib/links';
import { isQuarterLabel } from '../../../lib/quarters';
import { useSourceOptions } from '../../../lib/source-options';
import { usePeriodPage } from '../../../lib/use-period-page';
import { type Cohort, cohortsQueryOptions, useCohorts } from '../api/get-cohorts';
import { type CohortGrain, type CohortMetric, type CohortsFilter, useCohortsUrl } from '../cohorts-filter';
import { CohortHeatmap, CohortHeatmapSkeleton } from './cohort-heatmap';

const metricOptions = [
  { value: 'salesReady', label: 'Became SRL' },
  { value: 'won', label: 'Won' },
] as const;
const grainOptions = [
  { value: 'quarter', label: 'Quarter' },
  { value: 'month', label: 'Month' },
] as const;

/** Cohorts of leads by the slice they were created in, followed to a fixed age so young and old compare. */
export function CohortsPage() {
  const [url, setUrl] = useCohortsUrl();
  const { filter, metric } = url;
  const cohorts = useCohorts(filter);
  const setFilter = (next: CohortsFilter) => setUrl({ ...url, filter: next });
  // The default span is the last 8 quarters, not a quarter: nothing to name in the URL.
  const page = usePeriodPage(filter, setFilter, cohorts, cohortsQueryOptions, { pin: false });
  const { data, period } = page;
  const singlePeriod = Boolean(filter.quarter || filter.from);
  const sources = useSourceOptions(
    filter.quarter ? { quarter: filter.quarter } : filter.from ? { from: filter.from, to: filter.to } : {},
  );
  const name = period ? (singlePeriod ? page.name : 'the last 8 quarters') : null;
  const empty = data?.cohorts.every((c) => c.leads === 0);
  const leadFilter = {
    source: filter.source,
    category: filter.category,
    segment: filter.segment,
    owner: filter.owner,
  };
  const linkFor = (cohort: Cohort) =>
    leadsHref({
      ...leadFilter,
      ...(isQuarterLabel(cohort.label) ? { quarter: cohort.label } : { from: cohort.from, to: cohort.to }),
    });

  return (
    <div className="page">
      <PageHeader
        title="Cohorts"
        {...page.header}
        period={period && { ...period, name: singlePeriod && name ? name : 'Last 8 quarters' }}
        summary={
          data && (
            <>
              {formatInteger(data.cohorts.reduce((sum, c) => sum + c.leads, 0))} leads, as of{' '}
              {formatLongDate(data.asOf.slice(0, 10))}
            </>
          )
        }
        picker={{
          ...page.header.picker,
          defaultOption: 'Last 8 quarters',
          onChange: (next) =>
            setFilter({
              ...filter,
              quarter: next.quarter,
              from: next.from,
              to: next.to,
              grain: next.quarter ? 'month' : next.from ? filter.grain : 'quarter',
            }),
          onIntent: (next) => page.prefetch({ ...filter, ...next, grain: 'month' }),
        }}
        filters={{
          sources: sources.data ?? null,
          children: (
            <>
              <Segmented
                legend="Cohort by"
                showLegend
                options={grainOptions}
                value={filter.grain}
                onChange={(grain: CohortGrain) => setFilter({ ...filter, grain })}
                testId="grain-toggle"
              />
              <Segmented
                legend="Show share that"
                showLegend
                options={metricOptions}
                value={metric}
                onChange={(next: CohortMetric) => setUrl({ ...url, metric: next })}
                testId="metric-toggle"
              />
            </>
          ),
        }}
      />

      {cohorts.isError && !data ? (
        <QueryError title="The cohorts could not be loaded" query={cohorts} />
      ) : empty ? (
        <EmptyState
          title="No leads in these cohorts"
          text={
            hasLeadFilter(filter)
              ? 'No lead created in this span matches these filters. Clear a filter or widen the span.'
              : 'No lead was created in this span. Pick the last 8 quarters, or import a CSV of leads.'
          }
          action={
            singlePeriod ? (
              <StateAction
                onClick={() =>
                  setFilter({
                    ...filter,
                    quarter: undefined,
                    from: undefined,
                    to: undefined,
                    grain: 'quarter',
                  })
                }
              >
                Show the last 8 quarters
              </StateAction>
            ) : undefined
          }
        />
      ) : (
        <RefreshBody refreshing={page.refreshing} loading={!data}>
          <section className="card table-card" aria-labelledby="cohort-heading">
            <CardHeader
              id="cohort-heading"
              title={
                metric === 'salesReady' ? 'Conversion to sales-ready by age' : 'Conversion to won by age'
              }
              subtitle={
                <>
                  Share of each cohort {metric === 'salesReady' ? 'that became sales-ready' : 'won'} within N
                  days of creation, so young and old cohorts compare. A cell is “not yet” until the whole
                  cohort is that old.
                </>
              }
            >
              <div className="card-actions">
                <HeatLegend />
                <ExportLinks
                  what="the cohort table"
                  csv={api.api.exports['cohorts.csv'].$path({ query: filter })}
                  xlsx={api.api.exports['cohorts.xlsx'].$path({ query: filter })}
                />
              </div>
            </CardHeader>
            {data ? (
              <CohortHeatmap cohorts={data} metric={metric} linkFor={linkFor} />
            ) : (
              <CohortHeatmapSkeleton rows={filter.grain === 'month' ? (singlePeriod ? 3 : 24) : 8} />
            )}
          </section>
        </RefreshBody>
      )}
    </div>
  );
}

function HeatLegend() {
  return (
    <div className="heat-legend" aria-hidden="true">
      <span>Lower</span>
      <span className="heat-scale" />
      <span>Higher</span>
      <span className="heat-swatch is-pending" />
      <span>Not yet</span>
    </div>
  );
}
