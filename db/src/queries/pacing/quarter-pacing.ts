import type { Database } from '../../client';
import type { FigureOptions } from '../../rollups/rollups';
import type { MetricFilter } from '../filter';
import { causesOf, driversFor } from './drivers';
import { closingFor, explainGap } from './gap';
import { nextQuarterPipeline } from './next-quarter';
import { readPacingInputs } from './pacing-inputs';
import { ALL_SOURCES, type MetricPacing, type QuarterPacing, type SourcePacing } from './pacing-model';
import type { PacingWindow } from './pacing-window';
import { projectionFigures, projectSources } from './projection';
import { type PacingMetric, pacingMetrics } from './quarter-shapes';

export type {
  Closing,
  ClosingSource,
  CoverageWeek,
  Driver,
  GapDriver,
  GapExplained,
  GapOffset,
  GapRow,
  MetricPacing,
  NextQuarterPipeline,
  PacingFigures,
  QuarterPacing,
  SourcePacing,
  TrackRecordAtWeek,
} from './pacing-model';

/**
 * Pacing of the quarter's four target metrics, overall and per source (model in docs/pacing.md). The SQL
 * aggregates (pacing-inputs); the parts combine a handful of numbers per source and metric: projection.ts,
 * drivers.ts, gap.ts (the split and what closing it takes) and next-quarter.ts (the starting pipeline).
 */
export async function quarterPacing(
  db: Database,
  w: PacingWindow,
  filter: MetricFilter,
  options: FigureOptions = {},
): Promise<QuarterPacing> {
  const inputs = await readPacingInputs(db, w, filter, options);
  const { parts, startingPipeline } = projectSources(inputs);

  const metrics = {} as Record<PacingMetric, MetricPacing>;
  for (const metric of pacingMetrics) {
    const byKey = parts.get(metric) ?? new Map();
    const total = { runRate: 0, funnel: 0 };
    for (const p of byKey.values()) {
      total.runRate += p.runRate;
      total.funnel += p.funnel;
    }
    const overall = projectionFigures(inputs, metric, ALL_SOURCES, total);
    const historyAll = inputs.row(metric, ALL_SOURCES).historyTotal;
    const sources: SourcePacing[] = inputs.sources.map((s) => {
      const drivers = driversFor(inputs, metric, s.key);
      return {
        sourceId: s.sourceId,
        source: s.name,
        category: s.category,
        ...projectionFigures(inputs, metric, s.key, byKey.get(s.key) ?? { runRate: 0, funnel: 0 }),
        historicalShare: historyAll > 0 ? inputs.row(metric, s.key).historyTotal / historyAll : null,
        drivers,
        causes: causesOf(drivers),
      };
    });
    // The overall projection is the sum of the sources', so the decomposition adds up.
    overall.projection = sources.reduce((sum, s) => sum + s.projection, 0);
    if (overall.target !== null) overall.gap = overall.target - overall.projection;
    const explained = overall.target === null ? null : explainGap(overall.target, sources);
    metrics[metric] = {
      metric,
      unit: metric === 'pipeline' || metric === 'revenue' ? 'amount' : 'count',
      overall,
      sources,
      explained,
      closing: explained === null ? null : closingFor(inputs, metric, overall, explained),
    };
  }

  return {
    quarter: w.quarter,
    asOf: w.asOf,
    timezone: w.timezone,
    closed: w.daysRemaining === 0,
    daysElapsed: w.daysElapsed,
    daysInQuarter: w.daysInQuarter,
    weeksRemaining: w.weeksRemaining,
    history: { quarters: w.history.map((q) => q.label), shape: inputs.linear ? 'linear' : 'historical' },
    metrics,
    nextQuarter: nextQuarterPipeline(inputs, startingPipeline),
  };
}
