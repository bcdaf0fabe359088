import { formatDeltaPercent, formatDeltaPoints, noValue } from './format';

/** A change against a comparison, as the tiles show it. */
export interface Delta {
  text: string;
  /** up / down / flat; null when there is nothing to compare with. */
  direction: 'up' | 'down' | 'flat' | null;
  tone: 'good' | 'bad' | 'neutral';
}

/**
 * The change against a comparison: rates in percentage points, everything else relative, as the
 * dashboard's tiles and the PDF show it; `lowerIsBetter` colours a fall as good news.
 */
export function delta(
  value: number | null,
  base: number | null,
  kind: 'relative' | 'points',
  lowerIsBetter = false,
): Delta {
  if (value === null || base === null) return { text: noValue, direction: null, tone: 'neutral' };
  if (kind === 'relative' && base === 0) {
    return value === 0
      ? { text: '0.0%', direction: 'flat', tone: 'neutral' }
      : { text: 'new', direction: 'up', tone: 'neutral' };
  }
  const change = kind === 'points' ? value - base : (value - base) / Math.abs(base);
  if (Math.abs(change) < 0.0005) {
    return { text: kind === 'points' ? '0.0 pp' : '0.0%', direction: 'flat', tone: 'neutral' };
  }
  const up = change > 0;
  return {
    text: kind === 'points' ? formatDeltaPoints(change) : formatDeltaPercent(change),
    direction: up ? 'up' : 'down',
    tone: up !== lowerIsBetter ? 'good' : 'bad',
  };
}
