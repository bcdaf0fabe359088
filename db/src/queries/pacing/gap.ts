import { decomposeGap, shareTheGap } from './gap-decomposition';
import type { PacingInputs } from './pacing-inputs';
import {
  ALL_SOURCES,
  type Closing,
  type GapExplained,
  type GapRow,
  NO_SOURCE,
  type PacingFigures,
  type SourcePacing,
} from './pacing-model';
import type { PacingMetric } from './quarter-shapes';

const feeders: Record<PacingMetric, PacingMetric | null> = {
  leads: null,
  salesReady: 'leads',
  pipeline: 'salesReady',
  revenue: 'pipeline',
};

/** The overall gap split by source (own targets, else a historical share), with the shares of the shortfall. */
export function explainGap(overallTarget: number, rows: SourcePacing[]): GapExplained {
  const split = decomposeGap(
    overallTarget,
    rows.map((r) => ({
      key: r,
      ownTarget: r.target,
      projection: r.projection,
      historicalShare: r.historicalShare ?? 0,
    })),
  );
  const out: GapRow[] = split.parts.map((p) => ({
    sourceId: p.key.sourceId,
    source: p.key.source,
    basis: p.basis,
    allocatedTarget: p.allocatedTarget,
    projection: p.projection,
    gap: p.gap,
    shareOfGap: null,
    cause: p.gap > 0 ? (p.key.causes[0] ?? null) : null,
  }));
  if (split.unallocated !== 0) {
    out.push({
      sourceId: null,
      source: '(target not allocated to a source)',
      basis: 'unallocated',
      allocatedTarget: split.unallocated,
      projection: 0,
      gap: split.unallocated,
      shareOfGap: null,
      cause: null,
    });
  }
  const shares = shareTheGap(out);
  const worst = shares.rows.filter((r) => r.basis !== 'unallocated').sort((a, b) => b.gap - a.gap)[0];
  return {
    gap: split.gap,
    shortfall: shares.shortfall,
    offset: shares.offset,
    coveredBy: shares.coveredBy,
    rows: shares.rows,
    largest: split.gap > 0 && worst && worst.gap > 0 ? worst : null,
  };
}

/** What closing the gap takes per remaining week, overall and per short source, in the metric and its feeder. */
export function closingFor(
  inputs: PacingInputs,
  metric: PacingMetric,
  overall: PacingFigures,
  explained: GapExplained,
): Closing | null {
  const { w } = inputs;
  if (overall.target === null || w.daysRemaining === 0) return null;
  const weeks = w.daysRemaining / 7;
  const feeder = feeders[metric];
  const yieldOf = (key: number): number | null => {
    switch (metric) {
      case 'salesReady':
        return inputs.curve('salesReady', key).yield;
      case 'pipeline': {
        const c = inputs.curve('opportunity', key);
        return c.yield * inputs.meanAmount(c);
      }
      case 'revenue':
        return inputs.curve('won', key).yield;
      default:
        return null;
    }
  };
  const feederPerWeek = (perWeek: number, key: number) => {
    const y = yieldOf(key);
    return feeder === null || y === null || y <= 0 ? null : perWeek / y;
  };
  const gap = Math.max(0, overall.gap ?? 0);
  return {
    weeksRemaining: w.weeksRemaining,
    requiredPerWeek: Math.max(0, overall.target - overall.actualToDate) / weeks,
    projectedPerWeek: (overall.projection - overall.actualToDate) / weeks,
    perWeek: gap / weeks,
    feeder,
    feederPerWeek: feederPerWeek(gap / weeks, ALL_SOURCES),
    sources: explained.rows
      .filter((r) => r.gap > 0 && r.basis !== 'unallocated')
      .map((r) => {
        const key = r.sourceId ?? NO_SOURCE;
        const perWeek = r.gap / weeks;
        return {
          sourceId: r.sourceId,
          source: r.source,
          perWeek,
          feeder,
          feederPerWeek: feederPerWeek(perWeek, key),
          feederYield: yieldOf(key),
        };
      }),
  };
}
