import { formatShortDate } from '../../../lib/format';

export interface SparkPoint {
  weekStart: string;
  /** Null: no figure (a week not started yet, or a median of no SRL). */
  value: number | null;
}

interface KpiSparklineProps {
  points: SparkPoint[];
  /** The KPI's name and its formatter, for the spoken summary. */
  label: string;
  format: (v: number | null) => string;
}

const width = 120;
const height = 28;
const pad = 3;

/**
 * The KPI week by week, as a line without axes. Drawn in SVG here rather than with ECharts: it
 * comes with the tiles, before the chart code has loaded, and five chart instances would cost
 * more than the tiles themselves. Weeks without a figure break the line.
 */
export function KpiSparkline({ points, label, format }: KpiSparklineProps) {
  const known = points.filter((p): p is { weekStart: string; value: number } => p.value !== null);
  if (known.length < 2) return <div className="kpi-spark" aria-hidden="true" />;
  const values = known.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => pad + (i / Math.max(1, points.length - 1)) * (width - 2 * pad);
  const y = (v: number) =>
    max === min ? height / 2 : height - pad - ((v - min) / (max - min)) * (height - 2 * pad);
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const lastIndex = points.findLastIndex((p) => p.value !== null);
  // Two known weeks at least (above): the first and the last are there.
  const [first] = known;
  const last = known[known.length - 1];
  if (!first || !last) return null;
  const summary = `${label} per week, ${points.length} weeks from ${formatShortDate(points[0]?.weekStart ?? first.weekStart)}: ${format(first.value)} in the first week, ${format(last.value)} in the week of ${formatShortDate(last.weekStart)}; lowest ${format(min)}, highest ${format(max)}.`;
  return (
    <div className="kpi-spark" data-testid="kpi-sparkline">
      <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={summary}>
        <path d={segments.join('')} className="kpi-spark-line" vectorEffect="non-scaling-stroke" />
        {/* A round cap on a zero-length stroke: a dot that stays round when the line stretches. */}
        <path
          d={`M${x(lastIndex).toFixed(1)},${y(last.value).toFixed(1)}h0`}
          className="kpi-spark-dot"
          vectorEffect="non-scaling-stroke"
        />
      </svg>
    </div>
  );
}
