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
              <>
                <span className="metric-card-value">
                  {fmt(o.actualToDate)}
                  <span className="metric-card-of">
                    {' '}
                    final{o.target !== null ? ` of ${fmt(o.target)}` : ''}
                  </span>
                </span>
                <span className="is-closed">
                  <PacingBullet
                    figures={{ ...o, expectedToDate: null }}
                    format={(v) => fmt(v)}
                    tone={gap?.tone ?? 'neutral'}
                    size="small"
                    label={`${metricWords[metric].label}: final ${fmt(o.actualToDate)}${o.target !== null ? `, target ${fmt(o.target)}` : ''}`}
                  />
                </span>
                <span className="metric-card-foot" title={closedGapDefinition}>
                  {o.gap === null
                    ? 'No target'
                    : o.gap > 0
                      ? `Short by ${fmt(o.gap)}`
                      : o.gap < 0
                        ? `Ahead by ${fmt(-o.gap)}`
                        : 'On target'}
                </span>
              </>
            ) : (
              <>
                <span className="metric-card-value">
                  {fmt(o.projection)}
                  <span className="metric-card-of">
                    {' '}
                    projected{o.target !== null ? ` of ${fmt(o.target)}` : ''}
                  </span>
                </span>
                <PacingBullet
                  figures={o}
                  format={(v) => fmt(v)}
                  tone={gap?.tone ?? 'neutral'}
                  size="small"
                  label={`${metricWords[metric].label}: projection ${fmt(o.projection)}${o.target !== null ? `, target ${fmt(o.target)}` : ''}`}
                />
                <span className="metric-card-foot" title={definitions.pacing}>
                  {fmt(o.actualToDate)} so far
                  {o.pacing !== null && <> · {formatPercent(o.pacing)} of expected</>}
                </span>
              </>
            )}
          </button>
        );
      })}
    </div>
  );
}

function shortWords(share: number): string {
  const pct = Math.round(Math.abs(share) * 100);
  if (pct === 0) return 'On target';
  return share > 0 ? `${pct}% short` : `${pct}% ahead`;
}
