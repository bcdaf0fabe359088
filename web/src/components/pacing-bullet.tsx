import type { GapTone } from '../lib/pacing';

export interface BulletFigures {
  target: number | null;
  actualToDate: number;
  expectedToDate: number | null;
  projection: number;
  projectionLow: number;
  projectionHigh: number;
}

interface PacingBulletProps {
  figures: BulletFigures;
  format: (v: number) => string;
  tone: GapTone;
  /** What the bar shows, read out in place of the drawing. */
  label: string;
  size?: 'large' | 'small';
  /** Show the key under the bar (the large one on the overview and the pacing page). */
  showKey?: boolean;
  testId?: string;
}

/**
 * Where the quarter stands on one bar: actual to date (solid), what the projection adds (light),
 * its P10–P90 range (whisker), expected by now (notch) and the target (line); the space between
 * projection and target is the gap. Plain CSS: it renders with the figures, no chart library.
 */
export function PacingBullet({
  figures,
  format,
  tone,
  label,
  size = 'large',
  showKey = false,
  testId,
}: PacingBulletProps) {
  const { target, actualToDate, expectedToDate, projection, projectionLow, projectionHigh } = figures;
  const max = Math.max(target ?? 0, projectionHigh, projection, actualToDate, 1) * 1.06;
  const at = (v: number) => `${Math.max(0, Math.min(100, (v / max) * 100))}%`;
  const gapFrom = Math.min(projection, target ?? projection);
  const gapTo = Math.max(projection, target ?? projection);
  return (
    // Spans throughout: the small bar sits inside a button, which takes phrasing content only.
    <span className={`bullet bullet-${size} tone-${tone}`} data-testid={testId}>
      <span className="bullet-track" role="img" aria-label={label}>
        <span className="bullet-projected" style={{ left: 0, width: at(projection) }} />
        <span className="bullet-actual" style={{ width: at(actualToDate) }} />
        {target !== null && gapTo > gapFrom && (
          <span
            className={projection < target ? 'bullet-gap is-short' : 'bullet-gap is-ahead'}
            style={{ left: at(gapFrom), width: `calc(${at(gapTo)} - ${at(gapFrom)})` }}
          />
        )}
        <span
          className="bullet-range"
          style={{ left: at(projectionLow), width: `calc(${at(projectionHigh)} - ${at(projectionLow)})` }}
        />
        <span className="bullet-projection" style={{ left: at(projection) }} />
        {expectedToDate !== null && <span className="bullet-expected" style={{ left: at(expectedToDate) }} />}
        {target !== null && <span className="bullet-target" style={{ left: at(target) }} />}
      </span>
      {showKey && (
        <span className="bullet-key" aria-hidden="true">
          <span className="bullet-key-item">
            <span className="key-actual" />
            Actual {format(actualToDate)}
          </span>
          {expectedToDate !== null && (
            <span className="bullet-key-item">
              <span className="key-expected" />
              Expected by now {format(expectedToDate)}
            </span>
          )}
          <span className="bullet-key-item">
            <span className="key-projection" />
            Projection {format(projection)}
          </span>
          <span className="bullet-key-item">
            <span className="key-range" />
            P10–P90 {format(projectionLow)}–{format(projectionHigh)}
          </span>
          {target !== null && (
            <span className="bullet-key-item">
              <span className="key-target" />
              Target {format(target)}
            </span>
          )}
        </span>
      )}
    </span>
  );
}
