import { definitions } from '../../../lib/definitions';
import { formatPercent } from '../../../lib/format';
import {
  feederPhrase,
  formatMetric,
  formatMetricExact,
  formatPerWeek,
  metricWords,
} from '../../../lib/pacing';
import type { MetricPacing, PacingMetric } from '../../../lib/pacing-query';

/** The target and the actual; for a quarter in progress also the expected and the projection, else the final share. */
export function GapFigures({
  metric,
  o,
  closed,
}: {
  metric: PacingMetric;
  o: MetricPacing['overall'];
  closed: boolean;
}) {
  const fmt = (v: number | null) => formatMetric(metric, v);
  return (
    <dl className="gap-figures">
      <Figure
        label="Target"
        title={definitions.target}
        value={fmt(o.target)}
        exact={formatMetricExact(metric, o.target)}
      />
      <Figure
        label={closed ? 'Final' : 'Actual to date'}
        title={definitions.actualToDate}
        value={fmt(o.actualToDate)}
        exact={formatMetricExact(metric, o.actualToDate)}
      />
      {closed ? (
        <Figure
          label="Against target"
          title={definitions.pacing}
          value={o.target ? formatPercent(o.actualToDate / o.target) : '—'}
        />
      ) : (
        <>
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
        </>
      )}
    </dl>
  );
}

export function WhatItTakes({
  m,
  metric,
  closed,
}: {
  m: MetricPacing;
  metric: PacingMetric;
  closed: boolean;
}) {
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
export function GapSkeleton() {
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
