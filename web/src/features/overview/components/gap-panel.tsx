import { ErrorState } from '../../../components/error-state';
import { PacingBullet } from '../../../components/pacing-bullet';
import { Segmented } from '../../../components/segmented';
import { definitions } from '../../../lib/definitions';
import type { LeadFilterParams } from '../../../lib/filters';
import { formatLongDate, formatPercent } from '../../../lib/format';
import { closedGapDefinition, sharesAddingUp } from '../../../lib/gap';
import { leadsHref, pacingHref } from '../../../lib/links';
import {
  causeDefinitions,
  causeNames,
  driverPhrase,
  feederPhrase,
  formatMetric,
  formatMetricExact,
  formatPerWeek,
  gapStatement,
  metricWords,
  pacingMetrics,
  withNoun,
} from '../../../lib/pacing';
import type { MetricPacing, Pacing, PacingMetric } from '../../../lib/pacing-query';
import { quarterName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';

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

const noDriver =
  'Volume, conversion and speed are within their usual range for this source: its projection falls short of its part of the target at its usual pace.';

// Each metric's lead list: the leads created, become sales-ready, become opportunities (whose
// amounts add up to the pipeline created) or won (to the won revenue) in the quarter.
const doorStage: Record<PacingMetric, 'lead' | 'salesReady' | 'opportunity' | 'won'> = {
  leads: 'lead',
  salesReady: 'salesReady',
  pipeline: 'opportunity',
  revenue: 'won',
};

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
  // Contributors to a shortfall: when the metric is projected ahead there is no gap to contribute to.
  const short = m.explained !== null && m.explained.gap > 0;
  const shortRows = (short ? (m.explained?.rows ?? []) : []).filter((r) => r.gap > 0);
  // Shares of the short rows' total, rounded so that all of them add up to 100%.
  const shown = new Map(
    sharesAddingUp(shortRows.map((r) => r.shareOfGap ?? 0)).map((share, i) => [shortRows[i]!, share]),
  );
  const contributors = shortRows
    .filter((r) => r.basis !== 'unallocated')
    .sort((a, b) => b.gap - a.gap)
    .slice(0, 3);
  const covering = short ? (m.explained?.coveredBy ?? []) : [];
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
        {closed ? (
          <dl className="gap-figures">
            <Figure
              label="Target"
              title={definitions.target}
              value={fmt(o.target)}
              exact={formatMetricExact(metric, o.target)}
            />
            <Figure
              label="Final"
              title={definitions.actualToDate}
              value={fmt(o.actualToDate)}
              exact={formatMetricExact(metric, o.actualToDate)}
            />
            <Figure
              label="Against target"
              title={definitions.pacing}
              value={o.target ? formatPercent(o.actualToDate / o.target) : '—'}
            />
          </dl>
        ) : (
          <dl className="gap-figures">
            <Figure
              label="Target"
              title={definitions.target}
              value={fmt(o.target)}
              exact={formatMetricExact(metric, o.target)}
            />
            <Figure
              label="Actual to date"
              title={definitions.actualToDate}
              value={fmt(o.actualToDate)}
              exact={formatMetricExact(metric, o.actualToDate)}
            />
            <Figure
              label="Expected by now"
              title={`${definitions.expectedToDate} ${definitions.pacing}`}
              value={fmt(o.expectedToDate)}
              sub={o.pacing === null ? undefined : `${formatPercent(o.pacing)} pacing`}
              subTone={
                o.pacing === null ? undefined : o.pacing >= 1 ? 'good' : o.pacing >= 0.95 ? 'neutral' : 'bad'
              }
            />
            <Figure
              label="Projection"
              title={`${definitions.projection} ${definitions.projectionRange}`}
              value={fmt(o.projection)}
              exact={formatMetricExact(metric, o.projection)}
              sub={`P10–P90 ${fmt(o.projectionLow)}–${fmt(o.projectionHigh)}`}
            />
          </dl>
        )}
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
        <div className="gap-block">
          <h3 className="gap-block-title" title={definitions.shareOfGap}>
            Largest contributors
          </h3>
          {contributors.length > 0 ? (
            <ol className="contributors">
              {contributors.map((row) => {
                const source = m.sources.find((s) => s.sourceId === row.sourceId);
                const phrase = driverPhrase(source, row.cause);
                const testId = `gap-contributor-${row.sourceId ?? 'none'}`;
                const name =
                  row.sourceId === null ? (
                    <span className="contributor-name">{row.source}</span>
                  ) : (
                    <Link
                      to={pacingHref({ ...base, focus: String(row.sourceId) })}
                      className="contributor-name row-link"
                      title={`${row.source} in the gap by source`}
                    >
                      {row.source}
                    </Link>
                  );
                return (
                  <li key={row.sourceId ?? 'none'} className="contributor" data-testid={testId}>
                    <div className="contributor-line">
                      {name}
                      <span className="contributor-share" title={definitions.shareOfGap}>
                        {row.shareOfGap === null ? '—' : `${Math.round((shown.get(row) ?? 0) * 100)}% of gap`}
                      </span>
                    </div>
                    <div className="contributor-meta">
                      <span>{withNoun(metric, row.gap)} short</span>
                      {source && row.sourceId !== null && (
                        // A door to the leads behind the source's figure so far: the list counts (or
                        // adds up to) as much.
                        <Link
                          to={leadsHref({
                            ...filter,
                            quarter: pacing.quarter.label,
                            source: String(row.sourceId),
                            dateStage: doorStage[metric],
                          })}
                          className="contributor-door row-link"
                          title={`The ${metricWords[metric].noun} from ${row.source} ${closed ? 'in the quarter' : 'so far this quarter'}`}
                          data-testid={`gap-contributor-door-${row.sourceId}`}
                        >
                          <span data-testid="gap-contributor-count" data-value={source.actualToDate}>
                            {withNoun(metric, source.actualToDate)}
                          </span>{' '}
                          {closed ? 'in the quarter' : 'so far'}
                        </Link>
                      )}
                      {row.cause ? (
                        <span className="cause-chip" title={causeDefinitions[row.cause]}>
                          {causeNames[row.cause]}
                        </span>
                      ) : (
                        <span className="cause-chip is-none" title={noDriver}>
                          No driver below par
                        </span>
                      )}
                      {phrase && <span className="contributor-why">{phrase}</span>}
                    </div>
                  </li>
                );
              })}
            </ol>
          ) : null}
          {contributors.length > 0 && covering.length > 0 && m.explained && (
            <div className="gap-offset" data-testid="gap-offset" title={definitions.shareOfGap}>
              <p className="gap-offset-sum">
                {withNoun(metric, m.explained.shortfall)} short, {fmt(m.explained.offset)} covered by sources
                ahead: the gap of {fmt(m.explained.gap)}
              </p>
              <p className="gap-offset-by">
                Covered by{' '}
                {covering.slice(0, 3).map((c, i) => (
                  <span
                    key={c.sourceId ?? c.source}
                    className="gap-covered"
                    data-testid={`gap-covered-${c.sourceId ?? 'none'}`}
                  >
                    {i > 0 && ', '}
                    {c.basis === 'unallocated' ? 'own targets above the overall one' : c.source} +
                    {fmt(c.surplus)}
                  </span>
                ))}
                {covering.length > 3 && ', …'}
              </p>
            </div>
          )}
          {contributors.length > 0 ? null : (
            <p className="gap-empty">
              {m.explained === null
                ? 'No target to measure the sources against.'
                : short
                  ? closed
                    ? 'No source ended short of its part of the target.'
                    : 'No source is projected short of its part of the target.'
                  : closed
                    ? 'No gap: the quarter reached its target.'
                    : 'No gap: the metric is projected to reach its target.'}
            </p>
          )}
        </div>
        <Link to={pacingHref(base)} className="gap-more">
          Pacing by source and week
          <span aria-hidden="true"> →</span>
        </Link>
      </div>
    </div>
  );
}

function WhatItTakes({ m, metric, closed }: { m: MetricPacing; metric: PacingMetric; closed: boolean }) {
  const c = m.closing;
  const largest = m.explained?.largest ?? null;
  const src = largest ? c?.sources.find((s) => s.sourceId === largest.sourceId) : undefined;
  return (
    <div className="gap-block gap-takes">
      <h3 className="gap-block-title" title={definitions.requiredPerWeek}>
        What it takes
      </h3>
      {c === null ? (
        <p className="gap-empty">
          {closed ? 'The quarter is over.' : 'No target applies here, so there is no pace to reach.'}
        </p>
      ) : (
        <ul className="takes">
          <li title={`${definitions.requiredPerWeek} ${definitions.projectedPerWeek}`}>
            <b className="takes-figure" data-testid="gap-required-per-week">
              {formatPerWeek(metric, c.requiredPerWeek)}
            </b>{' '}
            {metricWords[metric].noun} a week needed for the {c.weeksRemaining} weeks left
            <span className="takes-sub">
              {c.perWeek > 0
                ? ` — ${formatPerWeek(metric, c.perWeek)} more than the ${formatPerWeek(metric, c.projectedPerWeek)} a week projected`
                : ` — ${formatPerWeek(metric, c.projectedPerWeek)} a week projected`}
            </span>
          </li>
          {src?.feeder && src.feederPerWeek !== null && (
            <li title={definitions.feederPerWeek}>
              {src.source}: <b className="takes-figure">+{feederPhrase(src.feeder, src.feederPerWeek)}</b> a
              week at its historical yield
              {src.feederYield !== null && metricWords[metric].unit === 'count' && (
                <span className="takes-sub">
                  {' '}
                  ({formatPercent(src.feederYield)} become SRL before quarter end)
                </span>
              )}
            </li>
          )}
          {src && !src.feeder && (
            <li>
              {src.source}: <b className="takes-figure">+{formatPerWeek(metric, src.perWeek)}</b>{' '}
              {metricWords[metric].noun} a week
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

function Figure({
  label,
  title,
  value,
  exact,
  sub,
  subTone,
}: {
  label: string;
  title: string;
  value: string;
  exact?: string;
  sub?: string;
  subTone?: 'good' | 'neutral' | 'bad';
}) {
  return (
    <div className="gap-figure" title={title}>
      <dt>{label}</dt>
      <dd>
        <span className="gap-figure-value" title={exact}>
          {value}
        </span>
        {sub && <span className={subTone ? `gap-figure-sub is-${subTone}` : 'gap-figure-sub'}>{sub}</span>}
      </dd>
    </div>
  );
}

/** The panel's shape while the figures load, so nothing moves when they arrive. */
function GapSkeleton() {
  return (
    <div className="gap-body" aria-hidden="true">
      <div className="gap-main">
        <p className="gap-headline">
          <span className="skeleton skeleton-headline" />
        </p>
        <dl className="gap-figures">
          {['Target', 'Actual to date', 'Expected by now', 'Projection'].map((l) => (
            <div key={l} className="gap-figure">
              <dt>{l}</dt>
              <dd>
                <span className="skeleton skeleton-value" />
              </dd>
            </div>
          ))}
        </dl>
        <span className="skeleton skeleton-bar" />
      </div>
      <div className="gap-side">
        <div className="gap-block">
          <p className="gap-block-title">Largest contributors</p>
          {[0, 1, 2].map((i) => (
            <span key={i} className="skeleton skeleton-line" />
          ))}
        </div>
        <div className="gap-block">
          <p className="gap-block-title">What it takes</p>
          <span className="skeleton skeleton-line" />
        </div>
      </div>
    </div>
  );
}
