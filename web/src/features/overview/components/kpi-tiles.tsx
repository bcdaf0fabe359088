import { useId } from 'react';
import { DeltaBadge } from '../../../components/delta-badge';
import { SkeletonBox } from '../../../components/skeleton-box';
import type { GlobalFilter } from '../../../lib/filters';
import { leadsHref } from '../../../lib/links';
import { quarterName } from '../../../lib/quarters';
import { Link } from '../../../lib/router';
import '../overview.css';
import { type Delta, delta } from '../../../lib/delta';
import type { Overview } from '../api/get-overview';
import type { Trend } from '../api/get-trend';
import { type KpiDefinition, kpiDefinitions } from './kpi-definitions';
import { KpiSparkline, type SparkPoint } from './kpi-sparkline';

interface KpiTilesProps {
  overview: Overview;
  /** The page's filter: each tile opens the leads behind it under the same filter. */
  filter: GlobalFilter;
  /** The last 13 weeks, week by week: each tile's sparkline (a placeholder until it arrives). */
  trend: Trend | undefined;
  /** Today in the company time zone: weeks starting later have no figure yet. */
  today: string;
}

export function KpiTiles({ overview, filter, trend, today }: KpiTilesProps) {
  return (
    <div className="kpi-grid">
      {kpiDefinitions.map((def) => (
        <KpiTile
          key={def.key}
          def={def}
          overview={overview}
          href={leadsHref({
            ...filter,
            quarter: filter.quarter ?? overview.period.label,
            dateStage: def.door,
          })}
          spark={trend && sparkPoints(trend, def, today)}
        />
      ))}
    </div>
  );
}

function sparkPoints(trend: Trend, def: KpiDefinition, today: string): SparkPoint[] {
  return trend.points.map((p) => {
    const weekStart = 'weekStart' in p ? p.weekStart : p.start;
    const value = (p as Partial<Record<KpiDefinition['series'], number | null>>)[def.series];
    return { weekStart, value: weekStart > today ? null : (value ?? null) };
  });
}

function KpiTile({
  def,
  overview,
  href,
  spark,
}: {
  def: KpiDefinition;
  overview: Overview;
  href: string;
  spark?: SparkPoint[];
}) {
  const descriptionId = useId();
  const kpi = overview.kpis[def.key];
  const exact = def.formatExact?.(kpi.value);
  return (
    <article
      className="kpi-tile"
      data-testid={`kpi-${def.key}`}
      title={def.definition}
      aria-describedby={descriptionId}
    >
      <h3 className="kpi-label">
        {def.label}
        <Link
          to={`/glossary#figure-${def.figure}`}
          className="kpi-info-link"
          title={`What ${def.label} means`}
        >
          <svg className="kpi-info" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <circle cx="8" cy="8" r="6.25" />
            <path d="M8 7.25v4M8 4.9v.2" />
          </svg>
          <span className="visually-hidden">What {def.label} means</span>
        </Link>
      </h3>
      <p id={descriptionId} className="visually-hidden">
        {def.definition}
      </p>
      <p className="kpi-value" title={exact}>
        <Link
          to={href}
          className="kpi-door"
          data-testid="kpi-value"
          aria-label={`${def.format(kpi.value)}: open the leads behind ${def.label}`}
        >
          {def.format(kpi.value)}
        </Link>
      </p>
      <ul className="kpi-deltas">
        <DeltaRow
          delta={delta(kpi.value, kpi.previous, def.delta, def.lowerIsBetter)}
          label={comparedWith(overview.previous.label, overview.daysElapsed)}
          base={`${periodName(overview.previous.label)}: ${def.format(kpi.previous)}`}
        />
        <DeltaRow
          delta={delta(kpi.value, kpi.yearAgo, def.delta, def.lowerIsBetter)}
          label={comparedWith(overview.yearAgo.label, overview.daysElapsed)}
          base={`${periodName(overview.yearAgo.label)}: ${def.format(kpi.yearAgo)}`}
        />
      </ul>
      {spark ? (
        <KpiSparkline points={spark} label={def.label} format={def.format} />
      ) : (
        <div className="kpi-spark" aria-hidden="true">
          <span className="skeleton skeleton-spark" />
        </div>
      )}
    </article>
  );
}

function DeltaRow({ delta, label, base }: { delta: Delta; label: string; base: string }) {
  return (
    <li className="kpi-delta" title={base}>
      <DeltaBadge delta={delta} />
      <span className="delta-label">{label}</span>
      <span className="visually-hidden"> ({base})</span>
    </li>
  );
}

/**
 * What a delta compares with, in words: "vs Q3 2026 at day 66" while the quarter is in progress (the
 * comparison quarter as it stood on the same day), "vs Q3 2026" once it has ended.
 */
function comparedWith(label: string, daysElapsed: number | null): string {
  return `vs ${periodName(label)}${daysElapsed === null ? '' : ` at day ${daysElapsed}`}`;
}

function periodName(label: string): string {
  return quarterName(label).replace('..', ' – ');
}

/** Placeholders the exact size of the tiles, so nothing moves when the figures arrive. */
export function KpiTilesSkeleton() {
  return (
    <div className="kpi-grid" aria-hidden="true">
      {kpiDefinitions.map((def) => (
        <div key={def.key} className="kpi-tile kpi-tile-skeleton">
          <p className="kpi-label">{def.label}</p>
          <SkeletonBox as="p" className="kpi-value" bar="value" />
          <ul className="kpi-deltas">
            <SkeletonBox as="li" className="kpi-delta" bar="delta" />
            <SkeletonBox as="li" className="kpi-delta" bar="delta" />
          </ul>
          <SkeletonBox className="kpi-spark" bar="spark" />
        </div>
      ))}
    </div>
  );
}
