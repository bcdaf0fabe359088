import '../cohorts.css';
import { useQueryClient } from '@tanstack/react-query';
import { CardHeader } from '../../../components/card-header';
import { EmptyState } from '../../../components/empty-state';
import { ExportLinks } from '../../../components/export-links';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { Segmented } from '../../../components/segmented';
import { StateAction } from '../../../components/state-action';
import { api } from '../../../lib/api-client';
import { hasLeadFilter } from '../../../lib/filters';
import { formatInteger, formatLongDate } from '../../../lib/format';
import { leadsHref } from '../../../lib/links';
import { isQuarterLabel, periodName } from '../../../lib/quarters';
import { useSourceOptions } from '../../../lib/source-options';
import { useQuartersWithData } from '../../../lib/use-quarters-with-data';
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
  const queryClient = useQueryClient();
  const cohorts = useCohorts(filter);
  const setFilter = (next: CohortsFilter) => setUrl({ ...url, filter: next });

  const data = cohorts.data;
  const period = data?.period ?? null;
  const singlePeriod = Boolean(filter.quarter || filter.from);
  const sources = useSourceOptions(
    filter.quarter ? { quarter: filter.quarter } : filter.from ? { from: filter.from, to: filter.to } : {},
  );
  const current = useQuartersWithData().data?.current.label ?? null;
  const name = period ? (singlePeriod ? periodName(period) : 'the last 8 quarters') : null;
  const refreshing = cohorts.isPlaceholderData;
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
        period={period && { ...period, name: singlePeriod && name ? name : 'Last 8 quarters' }}
        summary={
          data && (
            <>
              {formatInteger(data.cohorts.reduce((sum, c) => sum + c.leads, 0))} leads, as of{' '}
              {formatLongDate(data.asOf.slice(0, 10))}
            </>
          )
        }
        pending={cohorts.isPending}
        filter={filter}
        onFilter={setFilter}
        picker={{
          resolved: period,
          current,
          defaultOption: 'Last 8 quarters',
          onChange: (next) =>
            setFilter({
              ...filter,
              quarter: next.quarter,
              from: next.from,
              to: next.to,
              grain: next.quarter ? 'month' : next.from ? filter.grain : 'quarter',
            }),
          onIntent: (next) =>
            void queryClient.prefetchQuery(cohortsQueryOptions({ ...filter, ...next, grain: 'month' })),
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
        <div className={refreshing ? 'page-body is-refreshing' : 'page-body'} aria-busy={refreshing || !data}>
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
        </div>
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
