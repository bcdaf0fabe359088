import { Suspense, useMemo } from 'react';
import { CardHeader } from '../../../components/card-header';
import { ExportLinks } from '../../../components/export-links';
import { api } from '../../../lib/api-client';
import { definitions } from '../../../lib/definitions';
import { formatPercent } from '../../../lib/format';
import { lazyWithPreload } from '../../../lib/lazy';
import { gapStatement, metricWords } from '../../../lib/pacing';
import type { Pacing, PacingMetric } from '../../../lib/pacing-query';
import type { CumulativeTrend } from '../api/get-cumulative';
import type { PacingFilter } from '../pacing-filter';
import type { CumulativePoint } from './cumulative-chart';
import { GapTable } from './gap-table';
import { TrackRecordNote } from './track-record-note';

// ECharts loads once the figures are in, so it never delays them.
export const cumulativeChart = lazyWithPreload(() =>
  import('./cumulative-chart').then((m) => m.CumulativeChart),
);
export const chartHeight = 300;

/** The chosen metric over the quarter (the cumulative chart) and where its gap comes from (by source). */
export function MetricDetail({
  data,
  filter,
  metric,
  closed,
  focus,
  cumulative,
  cumulativeError,
  hrefFor,
}: {
  data: Pacing;
  /** The page's query: the export takes the same. */
  filter: PacingFilter;
  metric: PacingMetric;
  closed: boolean;
  focus: number | undefined;
  cumulative: CumulativeTrend | undefined;
  cumulativeError: boolean;
  hrefFor: (sourceId: number) => string;
}) {
  const m = data.metrics[metric];
  const o = m.overall;
  const gap = gapStatement(metric, o);
  const words = metricWords[metric];
  const actual = useMemo(() => cumulativePoints(cumulative, metric, data), [cumulative, metric, data]);
  const waiting = metric !== 'pipeline' && data.daysElapsed > 0 && !cumulative && !cumulativeError;
  return (
    <>
      <section className="card chart-card" aria-labelledby="cumulative-heading">
        <CardHeader
          id="cumulative-heading"
          title={`${words.label} over the quarter, cumulative`}
          definition={words.definition}
          subtitleClassName={gap ? `cumulative-summary tone-${gap.tone}` : undefined}
          subtitle={
            gap ? (
              <>
                <b className="cumulative-headline">
                  {closed ? gap.headline.replace('Projected', 'Ended') : gap.headline} — {gap.amount}
                </b>
                {o.pacing !== null && !closed && (
                  <span className="muted-inline" title={definitions.pacing}>
                    {' '}
                    · {formatPercent(o.pacing)} of expected by now
                  </span>
                )}
              </>
            ) : (
              'No target applies to these filters.'
            )
          }
        >
          <ChartKey hasTarget={o.target !== null} closed={closed} />
        </CardHeader>
        <div className="chart-frame" style={{ height: chartHeight }}>
          {waiting ? (
            chartSkeleton
          ) : (
            <Suspense fallback={chartSkeleton}>
              <cumulativeChart.Component
                metric={metric}
                figures={o}
                from={data.quarter.from}
                daysElapsed={data.daysElapsed}
                daysInQuarter={data.daysInQuarter}
                actual={actual}
                height={chartHeight}
              />
            </Suspense>
          )}
        </div>
        {!closed && <TrackRecordNote m={m} />}
        {(metric === 'pipeline' || cumulativeError) && data.daysElapsed > 0 && (
          <p className="chart-foot">
            {metric === 'pipeline'
              ? 'The API has no weekly series of pipeline created: the actual is shown as of today only.'
              : 'The weekly actuals could not be loaded: the actual is shown as of today only.'}
          </p>
        )}
      </section>

      <section className="card table-card" aria-labelledby="gap-heading">
        <CardHeader
          id="gap-heading"
          title="Where the gap comes from"
          subtitle={
            <>
              {m.explained
                ? 'Each source against its part of the target; the gap column adds up to the overall gap.'
                : 'Each source’s projection; without a target there is no gap to split.'}
              {m.explained?.rows.some((r) => r.basis === 'historical-share') && (
                <>
                  {' '}
                  * Sources without their own target get a share of the overall one, by their historical
                  share.
                </>
              )}
            </>
          }
        >
          <ExportLinks
            what="the pacing table"
            csv={api.api.exports['pacing.csv'].$path({ query: filter })}
            xlsx={api.api.exports['pacing.xlsx'].$path({ query: filter })}
          />
        </CardHeader>
        <GapTable metric={metric} m={m} hrefFor={hrefFor} focus={focus} closed={closed} />
      </section>
    </>
  );
}

/** Weekly slices summed up: the actual line, ending on the as-of day. */
function cumulativePoints(
  trend: CumulativeTrend | undefined,
  metric: PacingMetric,
  data: Pacing,
): CumulativePoint[] | null {
  if (metric === 'pipeline' || !trend) return null;
  const key = metric === 'revenue' ? 'revenue' : metric;
  const day = (iso: string) => Math.round((Date.parse(iso) - Date.parse(data.quarter.from)) / 86_400_000);
  let sum = 0;
  return trend.points.map((p, i) => {
    const point = p as Record<string, unknown>;
    sum += typeof point[key] === 'number' ? (point[key] as number) : 0;
    const next = trend.points[i + 1] as Record<string, unknown> | undefined;
    const end = next && typeof next.weekStart === 'string' ? day(next.weekStart) : data.daysElapsed;
    return { day: end, value: sum };
  });
}

const chartSkeleton = <div className="skeleton skeleton-chart" aria-hidden="true" />;

/** The chart's key; a closed quarter's chart has nothing expected or projected to name. */
function ChartKey({ hasTarget, closed }: { hasTarget: boolean; closed: boolean }) {
  return (
    <ul className="chart-key" aria-hidden="true">
      <li>
        <span className="ck-actual" />
        Actual
      </li>
      {hasTarget && !closed && (
        <li title="The usual path: the shape of past quarters at the as-of day, joined to the target.">
          <span className="ck-expected" />
          Usual path · <span className="ck-diamond" /> expected by now
        </li>
      )}
      {hasTarget && closed && (
        <li title="A closed quarter's chart joins zero to the target in a straight line.">
          <span className="ck-expected" />
          Straight line to target
        </li>
      )}
      {!closed && (
        <li>
          <span className="ck-projection" />
          Projection, P10–P90
        </li>
      )}
      {hasTarget && (
        <li>
          <span className="ck-target" />
          Target
        </li>
      )}
    </ul>
  );
}
