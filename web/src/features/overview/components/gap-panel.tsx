import { ErrorState } from '../../../components/error-state';
import { PacingBullet } from '../../../components/pacing-bullet';
import { Segmented } from '../../../components/segmented';
import { definitions } from '../../../lib/definitions';
import type { LeadFilterParams } from '../../../lib/filters';
import { formatLongDate } from '../../../lib/format';
import { closedGapDefinition } from '../../../lib/gap';
import { pacingHref } from '../../../lib/links';
import { formatMetric, gapStatement, metricWords, pacingMetrics, withNoun } from '../../../lib/pacing';
import type { MetricPacing, Pacing, PacingMetric } from '../../../lib/pacing-query';
import { quarterName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';
import { GapContributors } from './gap-contributors';
import { GapFigures, GapSkeleton, WhatItTakes } from './gap-parts';

interface GapPanelProps {
  pacing: Pacing | undefined;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
  /** Another quarter's figures are on screen while this one's load. */
  refreshing?: boolean;
  metric: PacingMetric;
  onMetric: (metric: PacingMetric) => void;
  /** The lead filters in view: carried onto the drill-down links. */
  filter: LeadFilterParams & { quarter?: string };
}

const metricOptions = pacingMetrics.map((m) => ({
  value: m,
  label: metricWords[m].label,
  title: metricWords[m].definition,
}));

/**
 * The CEO's first read: for one target metric, where the quarter will end against target, by how
 * much, which sources cause it and why, and what closing it takes.
 */
export function GapPanel({
  pacing,
  error,
  onRetry,
  retrying,
  refreshing = false,
  metric,
  onMetric,
  filter,
}: GapPanelProps) {
  const m = pacing?.metrics[metric];
  // The answer says whether the quarter is over: no surface works it out from the days.
  const closed = pacing?.closed ?? false;
  return (
    <section
      className={refreshing ? 'card gap-panel is-refreshing' : 'card gap-panel'}
      aria-labelledby="gap-heading"
      aria-busy={refreshing || !pacing}
      data-testid="gap-panel"
    >
      <header className="gap-head">
        <div>
          <h2 id="gap-heading" className="card-title">
            {pacing ? `${quarterName(pacing.quarter.label)} against target` : 'The quarter against target'}
          </h2>
          <p className="card-subtitle">
            {pacing ? (
              closed ? (
                <>Quarter closed · figures as of {formatLongDate(pacing.asOf)}</>
              ) : (
                <>
                  Day {pacing.daysElapsed} of {pacing.daysInQuarter} · {pacing.weeksRemaining} weeks left · as
                  of {formatLongDate(pacing.asOf)}
                </>
              )
            ) : error ? null : (
              <span className="skeleton skeleton-text-short" />
            )}
          </p>
        </div>
        <Segmented
          legend="Metric"
          options={metricOptions}
          value={metric}
          onChange={onMetric}
          testId="gap-metric"
          size="small"
        />
      </header>
      {m && pacing ? (
        <GapBody pacing={pacing} m={m} metric={metric} closed={closed} filter={filter} />
      ) : error ? (
        <div className="gap-state">
          <ErrorState
            title="The pacing could not be loaded"
            level={3}
            error={error}
            onRetry={onRetry}
            retrying={retrying}
          />
        </div>
      ) : (
        <GapSkeleton />
      )}
    </section>
  );
}

function GapBody({
  pacing,
  m,
  metric,
  closed,
  filter,
}: {
  pacing: Pacing;
  m: MetricPacing;
  metric: PacingMetric;
  closed: boolean;
  filter: GapPanelProps['filter'];
}) {
  const o = m.overall;
  const gap = gapStatement(metric, o);
  const fmt = (v: number | null) => formatMetric(metric, v);
  const base = { ...filter, quarter: pacing.quarter.label, metric };
  const headline = gap ? (closed ? gap.headline.replace('Projected', 'Ended') : gap.headline) : null;
  const bulletLabel = closed
    ? [`Target ${fmt(o.target)}`, `final ${fmt(o.actualToDate)}`].join(', ')
    : [
        `Target ${fmt(o.target)}`,
        `actual to date ${fmt(o.actualToDate)}`,
        o.expectedToDate !== null ? `expected by now ${fmt(o.expectedToDate)}` : null,
        `projection ${fmt(o.projection)} (P10–P90 ${fmt(o.projectionLow)} to ${fmt(o.projectionHigh)})`,
      ]
        .filter(Boolean)
        .join(', ');

  return (
    <div className="gap-body">
      <div className="gap-main">
        {gap && headline ? (
          <p
            className={`gap-headline tone-${gap.tone}`}
            data-testid="gap-value"
            title={closed ? closedGapDefinition : definitions.gap}
          >
            <span className="gap-dot" aria-hidden="true" />
            <span>
              {headline} <span className="gap-amount">— {gap.amount}</span>
            </span>
          </p>
        ) : (
          <p className="gap-headline tone-neutral" data-testid="gap-value">
            <span>
              Projected {withNoun(metric, o.projection)}
              <span className="gap-note">
                {' '}
                — no target applies {filter.segment || filter.owner ? 'to these filters' : 'this quarter'}
              </span>
            </span>
          </p>
        )}
        <GapFigures metric={metric} o={o} closed={closed} />
        {closed ? (
          // Closed: the actual against the target, nothing projected and nothing left to close.
          <div className="is-closed">
            <PacingBullet
              figures={{ ...o, expectedToDate: null }}
              format={(v) => fmt(v)}
              tone={gap?.tone ?? 'neutral'}
              label={bulletLabel}
              testId="gap-bullet"
            />
          </div>
        ) : (
          <>
            <PacingBullet
              figures={o}
              format={(v) => fmt(v)}
              tone={gap?.tone ?? 'neutral'}
              label={bulletLabel}
              showKey
              testId="gap-bullet"
            />
            <WhatItTakes m={m} metric={metric} closed={closed} />
          </>
        )}
      </div>

      <div className="gap-side">
        <GapContributors pacing={pacing} m={m} metric={metric} closed={closed} filter={filter} />
        <Link to={pacingHref(base)} className="gap-more">
          Pacing by source and week
          <span aria-hidden="true"> →</span>
        </Link>
      </div>
    </div>
  );
}
