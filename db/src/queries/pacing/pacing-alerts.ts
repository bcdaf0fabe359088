import { defined } from '../../defined';
import type { HandoffFigures } from '../handoff/speed-to-lead';
import type { GapDriver, MetricPacing, QuarterPacing } from './quarter-pacing';
import type { PacingMetric } from './quarter-shapes';

export type AlertSeverity = 'critical' | 'warning' | 'info';

export interface Alert {
  /** Stable for the same condition, so a client can tell new alerts from known ones. */
  id: string;
  severity: AlertSeverity;
  metric: PacingMetric | 'speedToLead' | 'neglected' | 'stalled' | 'nextQuarterPipeline';
  title: string;
  /** The numbers behind the title. */
  values: Record<string, number | string | null>;
  /** Dashboard path (with its query string) of the drill-down. */
  link: string;
}

export interface AlertInputs {
  pacing: QuarterPacing;
  handoff: HandoffFigures;
  neglected: number;
  stalled: number;
  slaHours: number;
  stalledDays: number;
}

/** Projected shortfalls at or above these shares of the target raise an alert. */
export const alertThresholds = { warning: 0.05, critical: 0.15, slaAttainment: 0.9, neglectedCritical: 20 };

const labels: Record<PacingMetric, string> = {
  leads: 'leads',
  salesReady: 'SRLs',
  pipeline: 'pipeline',
  revenue: 'revenue',
};

const pct = (v: number) => `${Math.round(Math.abs(v) * 100)}%`;

function driverPhrase(metric: MetricPacing, sourceId: number | null, cause: GapDriver | null): string | null {
  const source = metric.sources.find((s) => s.sourceId === sourceId);
  const driver = source?.drivers.find((d) => d.driver === cause);
  if (!source || !driver || driver.index === null) return null;
  switch (driver.driver) {
    case 'volume':
      return `${source.source} leads down ${pct(1 - driver.index)}`;
    case 'conversion':
      return `${source.source} SRL rate down ${pct(1 - driver.index)}`;
    case 'speed':
      return `${source.source} ${pct(driver.index - 1)} slower to sales-ready`;
    case 'opportunityRate':
      return `${source.source} SRL-to-opportunity rate down ${pct(1 - driver.index)}`;
    case 'winRate':
      return `${source.source} win rate down ${pct(1 - driver.index)}`;
  }
}

/** The open alerts, computed from the figures (nothing is stored). Worst first. */
export function pacingAlerts(inputs: AlertInputs): Alert[] {
  const { pacing, handoff } = inputs;
  const quarter = pacing.quarter.label;
  const alerts: Alert[] = [];
  for (const metric of Object.values(pacing.metrics)) {
    const o = metric.overall;
    if (o.target === null || o.target <= 0 || o.gap === null) continue;
    const short = o.gap / o.target;
    if (short < alertThresholds.warning) continue;
    const largest = metric.explained?.largest ?? null;
    const why = largest ? driverPhrase(metric, largest.sourceId, largest.cause) : null;
    const cause = why ? `: ${why}` : largest ? `: mostly ${largest.source}` : '';
    // A closed quarter has no projection: its figures are what happened.
    const title = pacing.closed
      ? `${defined(labels[metric.metric][0]).toUpperCase()}${labels[metric.metric].slice(1)} ended ${pct(short)} under target${cause}`
      : `Projected ${labels[metric.metric]} ${pct(short)} under target${cause}`;
    const query = new URLSearchParams({ quarter, metric: metric.metric });
    // Point the source out in the company-wide view: filtering to it would lose the target the gap is against.
    if (largest?.sourceId != null) query.set('focus', String(largest.sourceId));
    alerts.push({
      id: `pacing.${metric.metric}.${quarter}`,
      severity: short >= alertThresholds.critical ? 'critical' : 'warning',
      metric: metric.metric,
      title,
      values: {
        target: o.target,
        projection: o.projection,
        projectionLow: o.projectionLow,
        projectionHigh: o.projectionHigh,
        gap: o.gap,
        shortfall: short,
        largestSource: largest?.source ?? null,
        largestSourceGap: largest?.gap ?? null,
        largestSourceShare: largest?.shareOfGap ?? null,
        cause: largest?.cause ?? null,
      },
      link: `/pacing?${query}`,
    });
  }
  if (inputs.neglected > 0) {
    alerts.push({
      id: 'handoff.neglected',
      severity: inputs.neglected >= alertThresholds.neglectedCritical ? 'critical' : 'warning',
      metric: 'neglected',
      title: `${inputs.neglected} sales-ready lead${inputs.neglected === 1 ? '' : 's'} waiting longer than ${inputs.slaHours} h`,
      values: { count: inputs.neglected, slaHours: inputs.slaHours },
      link: '/handoff/neglected',
    });
  }
  if (handoff.slaAttainment !== null && handoff.slaAttainment < alertThresholds.slaAttainment) {
    alerts.push({
      id: `handoff.sla.${quarter}`,
      severity: 'warning',
      metric: 'speedToLead',
      title: `Only ${pct(handoff.slaAttainment)} of SRLs followed up within ${inputs.slaHours} h this quarter`,
      values: {
        slaAttainment: handoff.slaAttainment,
        withinSla: handoff.withinSla,
        breached: handoff.breached,
        medianHours: handoff.medianHours,
      },
      link: `/handoff?${new URLSearchParams({ quarter })}`,
    });
  }
  const next = pacing.nextQuarter;
  if (next.requiredPipeline !== null && next.shortfall !== null && next.shortfall > 0 && next.revenueTarget) {
    alerts.push({
      id: `pipeline.next.${next.quarter}`,
      severity: 'warning',
      metric: 'nextQuarterPipeline',
      title: `${next.quarter} projected to start with ${(next.coverage ?? 0).toFixed(1)}× its revenue target in pipeline; ${(next.coverageNeeded ?? 0).toFixed(1)}× needed`,
      values: {
        startingPipeline: next.startingPipeline,
        requiredPipeline: next.requiredPipeline,
        revenueTarget: next.revenueTarget,
        winRate: next.winRate,
        coverage: next.coverage,
        coverageNeeded: next.coverageNeeded,
      },
      link: `/pacing?${new URLSearchParams({ quarter, metric: 'pipeline' })}`,
    });
  }
  if (inputs.stalled > 0) {
    alerts.push({
      id: 'handoff.stalled',
      severity: 'info',
      metric: 'stalled',
      title: `${inputs.stalled} open lead${inputs.stalled === 1 ? '' : 's'} with no activity for ${inputs.stalledDays}+ days`,
      values: { count: inputs.stalled, stalledDays: inputs.stalledDays },
      link: '/handoff/stalled',
    });
  }
  const rank: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };
  return alerts.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
