import type { ReactNode } from 'react';
import { PacingBullet } from '../../../components/pacing-bullet';
import { definitions } from '../../../lib/definitions';
import { formatPercent } from '../../../lib/format';
import { closedGapDefinition } from '../../../lib/gap';
import { formatMetric, gapStatement, metricWords, pacingMetrics } from '../../../lib/pacing';
import type { Pacing, PacingMetric } from '../../../lib/pacing-query';

interface MetricCardsProps {
  pacing: Pacing;
  selected: PacingMetric;
  onSelect: (metric: PacingMetric) => void;
}

/**
 * The four target metrics side by side; each card selects the metric shown in detail below. A closed
 * quarter's cards give the final figure against the target and the gap, nothing projected.
 */
export function MetricCards({ pacing, selected, onSelect }: MetricCardsProps) {
  const closed = pacing.closed;
  return (
    <div className="metric-cards">
      {pacingMetrics.map((metric) => {
        const o = pacing.metrics[metric].overall;
        const gap = gapStatement(metric, o);
        const fmt = (v: number | null) => formatMetric(metric, v);
        const isSelected = metric === selected;
        return (
          <button
            key={metric}
            type="button"
            className={`metric-card tone-${gap?.tone ?? 'neutral'}${isSelected ? ' is-selected' : ''}`}
            aria-pressed={isSelected}
            onClick={() => onSelect(metric)}
            data-testid={`pacing-metric-${metric}`}
            title={metricWords[metric].definition}
          >
            <span className="metric-card-head">
              <span className="metric-card-label">{metricWords[metric].label}</span>
              <span className="metric-card-gap">
                {gap ? (gap.share === null ? gap.headline : shortWords(gap.share)) : 'No target'}
              </span>
            </span>
            {closed ? (
              <CardFigures
                value={fmt(o.actualToDate)}
                word="final"
                target={o.target !== null ? fmt(o.target) : null}
                bullet={
                  <span className="is-closed">
                    <PacingBullet
                      figures={{ ...o, expectedToDate: null }}
                      format={(v) => fmt(v)}
                      tone={gap?.tone ?? 'neutral'}
                      size="small"
                      label={`${metricWords[metric].label}: final ${fmt(o.actualToDate)}${o.target !== null ? `, target ${fmt(o.target)}` : ''}`}
                    />
                  </span>
                }
                footTitle={closedGapDefinition}
                foot={
                  o.gap === null
                    ? 'No target'
                    : o.gap > 0
                      ? `Short by ${fmt(o.gap)}`
                      : o.gap < 0
                        ? `Ahead by ${fmt(-o.gap)}`
                        : 'On target'
                }
              />
            ) : (
              <CardFigures
                value={fmt(o.projection)}
                word="projected"
                target={o.target !== null ? fmt(o.target) : null}
                bullet={
                  <PacingBullet
                    figures={o}
                    format={(v) => fmt(v)}
                    tone={gap?.tone ?? 'neutral'}
                    size="small"
                    label={`${metricWords[metric].label}: projection ${fmt(o.projection)}${o.target !== null ? `, target ${fmt(o.target)}` : ''}`}
                  />
                }
                footTitle={definitions.pacing}
                foot={
                  <>
                    {fmt(o.actualToDate)} so far
                    {o.pacing !== null && <> · {formatPercent(o.pacing)} of expected</>}
                  </>
                }
              />
            )}
          </button>
        );
      })}
    </div>
  );
}

/** A card's figure (final or projected) against its target, its bullet, and the line under it. */
function CardFigures({
  value,
  word,
  target,
  bullet,
  footTitle,
  foot,
}: {
  value: string;
  word: 'final' | 'projected';
  /** The target, formatted; null when the metric has none. */
  target: string | null;
  bullet: ReactNode;
  footTitle: string;
  foot: ReactNode;
}) {
  return (
    <>
      <span className="metric-card-value">
        {value}
        <span className="metric-card-of">
          {' '}
          {word}
          {target !== null ? ` of ${target}` : ''}
        </span>
      </span>
      {bullet}
      <span className="metric-card-foot" title={footTitle}>
        {foot}
      </span>
    </>
  );
}

function shortWords(share: number): string {
  const pct = Math.round(Math.abs(share) * 100);
  if (pct === 0) return 'On target';
  return share > 0 ? `${pct}% short` : `${pct}% ahead`;
}
