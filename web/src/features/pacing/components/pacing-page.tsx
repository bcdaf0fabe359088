import '../pacing.css';
import '../quarter-cards.css';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { definitions } from '../../../lib/definitions';
import { formatLongDate, inSentence } from '../../../lib/format';
import { pacingHref } from '../../../lib/links';
import { metricWords, pacingMetrics } from '../../../lib/pacing';
import { type Pacing, type PacingMetric, pacingQueryOptions, usePacing } from '../../../lib/pacing-query';
import { quarterName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';
import { useSourceOptions } from '../../../lib/source-options';
import { usePinnedQueries } from '../../../lib/use-pinned-quarter';
import { useQuartersWithData } from '../../../lib/use-quarters-with-data';
import { useCumulative } from '../api/get-cumulative';
import { leadFiltersOf, type PacingFilter, usePacingUrl } from '../pacing-filter';
import { AsOfPicker, shiftDay } from './as-of-picker';
import { ClosingCard } from './closing-card';
import { MetricCards } from './metric-cards';
import { chartHeight, cumulativeChart, MetricDetail } from './metric-detail';
import { NextQuarterCard } from './next-quarter-card';
import { WaterfallCard } from './waterfall-card';

/** Fewer past quarters than this and the range's track record cannot be measured: the page says so. */
const shortHistoryQuarters = 4;

/** The quarter against its targets: how each metric paces, where it will end, why, and what closing the gap takes. */
export function PacingPage() {
  const [url, setUrl] = usePacingUrl();
  const { filter, metric, focus } = url;
  const queryClient = useQueryClient();
  const pacing = usePacing(filter);
  const setFilter = useCallback(
    (next: PacingFilter, options?: { replace?: boolean }) => setUrl({ filter: next, metric }, options),
    [metric, setUrl],
  );
  usePinnedQueries(filter, setFilter, {
    query: pacing,
    keyFor: (named) => pacingQueryOptions(named).queryKey,
    labelOf: (data) => data.quarter.label,
  });

  const data = pacing.data;
  const hasData = data !== undefined;
  useEffect(() => {
    if (hasData) void cumulativeChart.preload();
  }, [hasData]);

  const leadFilter = useMemo(() => leadFiltersOf(filter), [filter]);
  const cumulativeFilter = useMemo(
    () =>
      data && data.daysElapsed > 0
        ? { ...leadFilter, from: data.quarter.from, to: shiftDay(data.quarter.from, data.daysElapsed) }
        : null,
    [data, leadFilter],
  );
  const cumulative = useCumulative(cumulativeFilter);
  const sources = useSourceOptions(data ? { quarter: data.quarter.label } : {});
  const periods = useQuartersWithData().data;
  const current = periods?.current.label ?? null;
  const today = periods?.today;
  // The answer says whether the quarter is over: the page does not work it out from the days.
  const closed = data?.closed ?? false;
  const week = data
    ? Math.min(Math.round(data.daysInQuarter / 7), Math.max(1, Math.ceil(data.daysElapsed / 7)))
    : null;
  const weeks = data ? Math.round(data.daysInQuarter / 7) : null;
  const refreshing = pacing.isPlaceholderData;

  return (
    <div className="page" data-testid="pacing-page">
      <PageHeader
        title="Pacing"
        badge={
          <>
            {data && !closed && data.daysElapsed > 0 && (
              <span className="page-progress">
                Week {week} of {weeks} · {data.weeksRemaining} weeks left
              </span>
            )}
            {data && closed && <span className="page-progress is-closed">Quarter closed</span>}
          </>
        }
        period={data ? { ...data.quarter, name: quarterName(data.quarter.label) } : null}
        summary={
          data && (
            <span title={definitions.expectedToDate}>
              {data.history.shape === 'historical'
                ? `expected along the shape of ${data.history.quarters.length} past quarters`
                : 'expected linearly (under 2 past quarters of data)'}
              {!closed &&
                data.history.quarters.length < shortHistoryQuarters &&
                `; with under ${shortHistoryQuarters} past quarters the P10–P90 range is a rough guide, not a measured one`}
            </span>
          )
        }
        pending={pacing.isPending}
        filter={filter}
        onFilter={setFilter}
        picker={{
          resolved: data?.quarter ?? null,
          current,
          allowRange: false,
          onChange: (next) => setFilter({ ...filter, quarter: next.quarter, asOf: undefined }),
          onIntent: (next) =>
            void queryClient.prefetchQuery(
              pacingQueryOptions({ ...filter, quarter: next.quarter, asOf: undefined }),
            ),
        }}
        actions={
          today && (
            <AsOfPicker
              value={filter.asOf}
              shown={data?.asOf ?? null}
              quarter={data?.quarter ?? null}
              today={today}
              onChange={(asOf) => setFilter({ ...filter, asOf })}
            />
          )
        }
        filters={{ sources: sources.data ?? null }}
      />

      {pacing.isError && !data ? (
        <QueryError title="The pacing could not be loaded" query={pacing} />
      ) : data ? (
        <div className={refreshing ? 'page-body is-refreshing' : 'page-body'} aria-busy={refreshing}>
          {filter.asOf && today && data.asOf < today && !closed && (
            <p className="banner" role="status">
              <b>As of {formatLongDate(data.asOf)}</b> (week {week}): the figures read only what was known by
              the end of that day.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => setFilter({ ...filter, asOf: undefined })}
              >
                Back to today
              </button>
            </p>
          )}
          <OwnTargetNote
            data={data}
            metric={metric}
            filter={filter}
            href={pacingHref({
              ...leadFiltersOf(filter),
              source: undefined,
              quarter: data.quarter.label,
              asOf: filter.asOf,
              metric,
              focus: filter.source && !filter.source.includes(',') ? filter.source : undefined,
            })}
          />
          {(filter.segment || filter.owner) && (
            <p className="banner is-warning" role="status">
              Targets are set per quarter for the company and per source: with a segment or owner filter none
              applies, so there is no gap to show — only actuals and projections.
            </p>
          )}
          <MetricCards
            pacing={data}
            selected={metric}
            onSelect={(m) => setUrl({ filter, metric: m }, { replace: true })}
          />
          <MetricDetail
            data={data}
            filter={filter}
            metric={metric}
            closed={closed}
            focus={focus}
            cumulative={cumulative.data}
            cumulativeError={cumulative.isError}
            hrefFor={(sourceId) =>
              pacingHref({ ...filter, quarter: data.quarter.label, metric, source: String(sourceId) })
            }
          />
          <div className="pacing-bottom">
            {/* A closed quarter has nothing left to close. */}
            {!closed && <ClosingCard metric={metric} m={data.metrics[metric]} closed={closed} />}
            <NextQuarterCard next={data.nextQuarter} />
          </div>
          <WaterfallCard quarter={data.quarter.label} source={filter.source} owner={filter.owner} />
        </div>
      ) : (
        <PacingSkeleton />
      )}
    </div>
  );
}

/**
 * With a source filter the target is the selected sources' own: a source without one for this
 * metric (e.g. revenue, usually set company-wide) shows no gap. Its part of the company's gap is
 * in the company-wide view, where the table points it out.
 */
function OwnTargetNote({
  data,
  metric,
  filter,
  href,
}: {
  data: Pacing;
  metric: PacingMetric;
  filter: PacingFilter;
  href: string;
}) {
  if (!filter.source || filter.segment || filter.owner) return null;
  if (data.metrics[metric].overall.target !== null) return null;
  const names = data.metrics[metric].sources.map((s) => s.source).join(', ');
  return (
    <p className="banner" role="status">
      {names || 'These sources'} {data.metrics[metric].sources.length === 1 ? 'has' : 'have'} no{' '}
      {metricWords[metric].label === 'SRLs' ? 'SRL' : inSentence(metricWords[metric].label)} target of{' '}
      {data.metrics[metric].sources.length === 1 ? 'its' : 'their'} own, so there is no gap to show here.{' '}
      <Link to={href} className="banner-link">
        See {data.metrics[metric].sources.length === 1 ? 'its' : 'their'} part of the company’s gap
      </Link>
    </p>
  );
}

const chartSkeleton = <div className="skeleton skeleton-chart" aria-hidden="true" />;

function PacingSkeleton() {
  return (
    <div className="page-body" aria-busy="true">
      <div className="metric-cards" aria-hidden="true">
        {pacingMetrics.map((m) => (
          <div key={m} className="metric-card is-skeleton">
            <span className="metric-card-label">{metricWords[m].label}</span>
            <span className="skeleton skeleton-value" />
            <span className="skeleton skeleton-bar-thin" />
          </div>
        ))}
      </div>
      <div className="card chart-card" aria-hidden="true">
        <div className="card-header">
          <span className="skeleton skeleton-text-short" />
        </div>
        <div className="chart-frame" style={{ height: chartHeight }}>
          {chartSkeleton}
        </div>
      </div>
    </div>
  );
}
