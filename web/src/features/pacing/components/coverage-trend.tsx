import { formatMoney, formatMoneyCompact, formatShortDate } from '../../../lib/format';
import type { NextQuarter } from '../../../lib/pacing-query';

interface Point {
  label: string;
  when: string;
  starting: number;
  required: number | null;
}

/**
 * Next quarter's projected starting pipeline as it stood at the end of each week of this quarter, and
 * now, against the pipeline it needs: whether coverage is building or eroding. Plain CSS bars.
 */
export function CoverageTrend({ next }: { next: NextQuarter }) {
  const points: Point[] = [
    ...(next.trend ?? []).map((t) => ({
      label: `W${t.week}`,
      when: `end of week ${t.week} (${formatShortDate(t.asOf)})`,
      starting: t.startingPipeline,
      required: t.requiredPipeline,
    })),
    { label: 'Now', when: 'now', starting: next.startingPipeline, required: next.requiredPipeline },
  ];
  if (points.length < 2) return null;
  const max = Math.max(...points.flatMap((p) => [p.starting, p.required ?? 0]), 1) * 1.08;
  const at = (v: number) => `${Math.min(100, (v / max) * 100)}%`;
  const words = (p: Point) =>
    `${p.when}: ${formatMoney(p.starting)} projected${p.required === null ? '' : ` against ${formatMoney(p.required)} needed`}`;
  return (
    <figure className="coverage-trend" data-testid="coverage-trend">
      <figcaption>
        Week by week: the starting pipeline projected
        {next.requiredPipeline !== null && ', and the line it needs'}
      </figcaption>
      <div className="coverage-trend-bars" role="img" aria-label={points.map(words).join('; ')}>
        {points.map((p) => (
          <div
            className="coverage-trend-col"
            key={p.label}
            title={words(p)}
            data-testid="coverage-trend-point"
            data-value={p.starting}
          >
            <span className="coverage-trend-value">{formatMoneyCompact(p.starting)}</span>
            <span className="coverage-trend-track">
              <span
                className={
                  p.required !== null && p.starting < p.required
                    ? 'coverage-trend-bar is-short'
                    : 'coverage-trend-bar'
                }
                style={{ height: at(p.starting) }}
              />
              {p.required !== null && (
                <span className="coverage-trend-need" style={{ bottom: at(p.required) }} />
              )}
            </span>
            <span className="coverage-trend-label">{p.label}</span>
          </div>
        ))}
      </div>
    </figure>
  );
}
