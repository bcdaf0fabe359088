import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import type { Period } from '../../periods';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import type { SourceCategory } from '../../schema/sources';
import { leadConditions, type MetricFilter } from '../filter';
import { type CurveRow, funnelCurves, maxOpenDays, settledBefore, type Transition } from './funnel-curves';
import { decomposeGap, shareTheGap, type TargetBasis } from './gap-decomposition';
import { minShapeQuarters, type PacingWindow } from './pacing-window';
import {
  type PacingMetric,
  pacingMetrics,
  quarterShapes,
  runRateDays,
  type ShapeRow,
  salesReadyLag,
} from './quarter-shapes';

/** Expected leads in the run-rate window at which the window's rate and the usual final weigh the same. */
const runRateCredibility = 20;
/** Pseudo-events added to observed and expected conversions before taking their ratio. */
const qualityCredibility = 20;
/** Below these a driver counts as a cause of the gap. */
const shortfallIndex = 0.9;
const slowIndex = 1.2;

export interface PacingFigures {
  target: number | null;
  actualToDate: number;
  /** Share of the quarter's final usually reached by now (historical shape, or linear). */
  expectedShare: number;
  expectedToDate: number | null;
  /** actualToDate ÷ expectedToDate. */
  pacing: number | null;
  projection: number;
  projectionLow: number;
  projectionHigh: number;
  /** target − projection: positive means short. */
  gap: number | null;
  /** projection = actualToDate + runRate + funnel. */
  projectionParts: { actualToDate: number; runRate: number; funnel: number };
}

export type DriverName = 'volume' | 'conversion' | 'speed' | 'opportunityRate' | 'winRate';

export interface Driver {
  driver: DriverName;
  /** 1 = as usual; below 1 short (volume, conversion rates), above 1 slow (speed). */
  index: number | null;
  actual: number | null;
  expected: number | null;
}

export interface SourcePacing extends PacingFigures {
  sourceId: number | null;
  source: string;
  category: SourceCategory | null;
  /** Share of the metric's history-quarter total that came from this source. */
  historicalShare: number | null;
  drivers: Driver[];
  /** Drivers below par, worst first; the first is the cause named for this source. */
  causes: DriverName[];
}

export interface GapRow {
  sourceId: number | null;
  source: string;
  basis: TargetBasis | 'unallocated';
  allocatedTarget: number;
  projection: number;
  gap: number;
  /**
   * This row's gap ÷ the shortfall (the sum of the short rows' gaps), for a row short of its part:
   * in [0, 1], and the short rows' shares add up to 1. Null for a row on or ahead of its part (its
   * surplus is in `coveredBy`) and when no row is short.
   */
  shareOfGap: number | null;
  cause: DriverName | null;
}

/** A row ahead of its part of the target: its surplus offsets the shortfall of the others. */
export interface GapOffset {
  sourceId: number | null;
  source: string;
  basis: TargetBasis | 'unallocated';
  /** −gap: how far ahead of its part it is projected (> 0). */
  surplus: number;
}

export interface GapExplained {
  /** shortfall − offset: the overall target − projection. */
  gap: number;
  /** Σ gaps of the rows short of their part (the unallocated target when positive included): what the shares divide. */
  shortfall: number;
  /** Σ surpluses of the rows ahead of their part (the unallocated target when negative included). */
  offset: number;
  /** The rows ahead of their part, largest surplus first. */
  coveredBy: GapOffset[];
  rows: GapRow[];
  /** The row adding most to the gap, when the metric is short. */
  largest: GapRow | null;
}

export interface ClosingSource {
  sourceId: number | null;
  source: string;
  /** This source's gap, per remaining week. */
  perWeek: number;
  /** What feeds the metric (leads for SRLs, SRLs for pipeline, pipeline for revenue) and how much more per week. */
  feeder: PacingMetric | null;
  feederPerWeek: number | null;
  /** Metric gained before quarter end per extra feeder unit created from now on (historical). */
  feederYield: number | null;
}

export interface Closing {
  weeksRemaining: number;
  /** (target − actual) ÷ weeks remaining: the pace that reaches the target. */
  requiredPerWeek: number;
  /** (projection − actual) ÷ weeks remaining: the pace the projection assumes. */
  projectedPerWeek: number;
  /** gap ÷ weeks remaining, overall and per source short of its part. */
  perWeek: number;
  feeder: PacingMetric | null;
  feederPerWeek: number | null;
  sources: ClosingSource[];
}

export interface MetricPacing {
  metric: PacingMetric;
  unit: 'count' | 'amount';
  overall: PacingFigures;
  sources: SourcePacing[];
  explained: GapExplained | null;
  closing: Closing | null;
}

export interface NextQuarterPipeline {
  quarter: string;
  /** Open opportunity amount at the cutoff. */
  openPipelineNow: number;
  /** Projected open amount on the next quarter's first day. */
  startingPipeline: number;
  revenueTarget: number | null;
  /** Won ÷ (won + lost) amount of opportunities closed in the history window. */
  winRate: number | null;
  /** 1 ÷ win rate. */
  coverageNeeded: number | null;
  requiredPipeline: number | null;
  /** startingPipeline ÷ revenueTarget. */
  coverage: number | null;
  shortfall: number | null;
}

export interface QuarterPacing {
  quarter: Period;
  asOf: string;
  timezone: string;
  /**
   * No day of the quarter is left after `asOf`: the figures are final, projection = actual (no range,
   * nothing still to come) and gap = target − actual. Every surface reads this rather than the days.
   */
  closed: boolean;
  daysElapsed: number;
  daysInQuarter: number;
  weeksRemaining: number;
  history: { quarters: string[]; shape: 'historical' | 'linear' };
  metrics: Record<PacingMetric, MetricPacing>;
  nextQuarter: NextQuarterPipeline;
}

interface SourceInfo {
  key: number;
  sourceId: number | null;
  name: string;
  category: SourceCategory | null;
}

const feeders: Record<PacingMetric, PacingMetric | null> = {
  leads: null,
  salesReady: 'leads',
  pipeline: 'salesReady',
  revenue: 'pipeline',
};
const targetMetricNames: Record<string, PacingMetric> = {
  leads: 'leads',
  sales_ready: 'salesReady',
  pipeline: 'pipeline',
  revenue: 'revenue',
};

const ratio = (a: number, b: number | null) => (b === null || b === 0 ? null : a / b);

/**
 * Pacing of the quarter's four target metrics, overall and per source (definitions and the model
 * in docs/pacing.md). The SQL does the aggregation (shapes, survival curves, the funnel); this
 * combines a handful of numbers per source and metric.
 */
export async function quarterPacing(
  db: Database,
  w: PacingWindow,
  filter: MetricFilter,
  options: FigureOptions = {},
): Promise<QuarterPacing> {
  const [shapes, lags, curveSets, targetRows, sourceRows, won] = await gather(db, w, filter, options);
  const shape = indexShapes(shapes);
  const lag = new Map(lags.map((r) => [r.sourceKey, r]));
  const curves = Object.fromEntries(
    Object.entries(curveSets).map(([t, rows]) => [t, new Map(rows.map((r) => [r.sourceKey, r]))]),
  ) as Record<Transition, Map<number, CurveRow>>;

  const targetsApply = !filter.segments?.length && !filter.countries?.length && !filter.owners?.length;
  const sourceFiltered = Boolean(filter.sourceIds?.length || filter.categories?.length);
  const ownTarget = new Map<string, number>();
  const overallTarget = new Map<PacingMetric, number>();
  if (targetsApply) {
    for (const t of targetRows) {
      const metric = targetMetricNames[t.metric];
      if (!metric) continue;
      if (t.sourceId === null) overallTarget.set(metric, t.value);
      else ownTarget.set(`${metric}:${t.sourceId}`, t.value);
    }
  }

  // Every source in view with data or a target, and the leads that have none.
  const keys = new Set<number>();
  for (const rows of [shapes, ...Object.values(curveSets)]) {
    for (const r of rows) if (r.sourceKey >= 0) keys.add(r.sourceKey);
  }
  const inView = new Map(sourceRows.map((s) => [s.id, s]));
  for (const s of sourceRows) if (targetRows.some((t) => t.sourceId === s.id)) keys.add(s.id);
  const sources: SourceInfo[] = [...keys]
    .filter((k) => k === 0 || inView.has(k))
    .sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b))
    .map((k) => ({
      key: k,
      sourceId: k === 0 ? null : k,
      name: k === 0 ? '(no source)' : inView.get(k)!.name,
      category: k === 0 ? null : inView.get(k)!.category,
    }));

  const target = (metric: PacingMetric, key: number): number | null =>
    key === -1
      ? sourceFiltered
        ? sumOrNull(
            sources.map((s) => (s.sourceId === null ? null : (ownTarget.get(`${metric}:${s.key}`) ?? null))),
          )
        : (overallTarget.get(metric) ?? null)
      : (ownTarget.get(`${metric}:${key}`) ?? null);

  const linear = (shape.get('leads')?.get(-1)?.quarters ?? 0) < minShapeQuarters;
  const N = w.daysInQuarter;
  const d = w.daysElapsed;
  const linearShare = { share: d / N, windowShare: (d - Math.max(0, d - runRateDays)) / N };
  const pickShape = (metric: PacingMetric, key: number) => {
    if (linear) return linearShare;
    const own = shape.get(metric)?.get(key);
    const all = shape.get(metric)?.get(-1);
    const best = own && own.quarters >= minShapeQuarters ? own : all;
    if (!best || best.quarters < minShapeQuarters || best.share === null) return linearShare;
    // The same quarter of past years weighs n ÷ (n + 1) against all quarters: seasons differ.
    if (best.sameQuarters === 0 || best.sameShare === null) {
      return { share: best.share, windowShare: best.windowShare ?? 0 };
    }
    const same = best.sameQuarters / (best.sameQuarters + 1);
    return {
      share: same * best.sameShare + (1 - same) * best.share,
      windowShare: same * (best.sameWindowShare ?? 0) + (1 - same) * (best.windowShare ?? 0),
    };
  };
  const row = (metric: PacingMetric, key: number): ShapeRow =>
    shape.get(metric)?.get(key) ?? emptyShape(metric, key);
  const curve = (t: Transition, key: number): CurveRow =>
    curves[t].get(key) ?? { ...(curves[t].get(-1) ?? emptyCurve(key)), ...noFunnel(key) };
  const quality = (c: CurveRow) => {
    const k = qualityCredibility * c.unitWeight;
    return clamp((c.observed + k) / (c.expected + k), 0.2, 3);
  };

  // The projection per source: run rate of what is still to be created, plus the funnel.
  interface Parts {
    runRate: number;
    funnel: number;
  }
  const parts = new Map<PacingMetric, Map<number, Parts>>(pacingMetrics.map((m) => [m, new Map()]));
  const startingPipeline = { open: 0, still: 0 };
  for (const s of sources) {
    const k = s.key;
    const leads = row('leads', k);
    const leadShape = pickShape('leads', k);
    let leadsRemaining = 0;
    if (d < N) {
      const rate = leadShape.windowShare > 0 ? leads.actualWindow / leadShape.windowShare : null;
      const prior = leads.prior;
      let final = leads.actual;
      if (rate !== null && prior !== null) {
        const weight = Math.max(prior * leadShape.windowShare, leads.actualWindow);
        const z = weight / (weight + runRateCredibility);
        final = z * rate + (1 - z) * prior;
      } else if (rate !== null) final = rate;
      else if (prior !== null) final = prior;
      leadsRemaining = Math.max(0, final * (1 - leadShape.share));
    }
    parts.get('leads')!.set(k, { runRate: leadsRemaining, funnel: 0 });

    const toReady = curve('salesReady', k);
    const q1 = quality(toReady);
    const readyNew = leadsRemaining * toReady.yield * q1;
    const readyFunnel = q1 * toReady.expectedCurrent + toReady.expectedOlder;
    parts.get('salesReady')!.set(k, { runRate: readyNew, funnel: readyFunnel });

    const toOpportunity = curve('opportunity', k);
    const q2 = quality(toOpportunity);
    const meanAmount = toOpportunity.meanAmount ?? curves.opportunity.get(-1)?.meanAmount ?? 0;
    const pipelineNew = (readyNew + readyFunnel) * toOpportunity.yield * q2 * meanAmount;
    const pipelineFunnel = q2 * toOpportunity.expectedAmountCurrent + toOpportunity.expectedAmountOlder;
    parts.get('pipeline')!.set(k, { runRate: pipelineNew, funnel: pipelineFunnel });

    const toWon = curve('won', k);
    const q3 = quality(toWon);
    const revenueNew = (pipelineNew + pipelineFunnel) * toWon.yield * q3;
    const revenueFunnel = q3 * toWon.expectedAmountCurrent + toWon.expectedAmountOlder;
    parts.get('revenue')!.set(k, { runRate: revenueNew, funnel: revenueFunnel });

    const toClosed = curve('closed', k);
    startingPipeline.open += toClosed.openAmount;
    startingPipeline.still += toClosed.stillOpenAmount + (pipelineNew + pipelineFunnel) * toClosed.openYield;
  }

  // Once no day is left, nothing is still to come: the projection is the actual, its range empty.
  const closed = w.daysRemaining === 0;
  const figures = (metric: PacingMetric, key: number, still: Parts): PacingFigures => {
    const remaining = closed ? { runRate: 0, funnel: 0 } : still;
    const r = row(metric, key);
    const t = target(metric, key);
    const { share } = pickShape(metric, key);
    const rest = remaining.runRate + remaining.funnel;
    const spreadFrom = r.quarters >= minShapeQuarters ? r : row(metric, -1);
    const low = spreadFrom.spreadLow ?? 0.75;
    const high = spreadFrom.spreadHigh ?? 1.25;
    const projection = r.actual + rest;
    const expectedToDate = t === null ? null : t * share;
    return {
      target: t,
      actualToDate: r.actual,
      expectedShare: share,
      expectedToDate,
      pacing: expectedToDate === null ? null : ratio(r.actual, expectedToDate),
      projection,
      projectionLow: r.actual + rest * Math.max(0, Math.min(low, 1)),
      projectionHigh: r.actual + rest * Math.max(1, high),
      gap: t === null ? null : t - projection,
      projectionParts: { actualToDate: r.actual, runRate: remaining.runRate, funnel: remaining.funnel },
    };
  };

  const metrics = {} as Record<PacingMetric, MetricPacing>;
  for (const metric of pacingMetrics) {
    const byKey = parts.get(metric)!;
    const total = { runRate: 0, funnel: 0 };
    for (const p of byKey.values()) {
      total.runRate += p.runRate;
      total.funnel += p.funnel;
    }
    const overall = figures(metric, -1, total);
    const historyAll = row(metric, -1).historyTotal;
    const sourceFigures: SourcePacing[] = sources.map((s) => {
      const f = figures(metric, s.key, byKey.get(s.key)!);
      const drivers = driversFor(metric, s.key);
      return {
        sourceId: s.sourceId,
        source: s.name,
        category: s.category,
        ...f,
        historicalShare: historyAll > 0 ? row(metric, s.key).historyTotal / historyAll : null,
        drivers,
        causes: causesOf(drivers),
      };
    });
    // The overall projection is the sum of the sources', so the decomposition adds up.
    overall.projection = sourceFigures.reduce((sum, s) => sum + s.projection, 0);
    if (overall.target !== null) overall.gap = overall.target - overall.projection;
    const explained = overall.target === null ? null : explain(overall.target, sourceFigures);
    metrics[metric] = {
      metric,
      unit: metric === 'pipeline' || metric === 'revenue' ? 'amount' : 'count',
      overall,
      sources: sourceFigures,
      explained,
      closing: explained === null ? null : closingFor(metric, overall, explained),
    };
  }

  function driversFor(metric: PacingMetric, key: number): Driver[] {
    const leads = row('leads', key);
    const leadTarget = target('leads', key);
    const expectedLeads =
      leadTarget !== null
        ? leadTarget * pickShape('leads', key).share
        : leads.prior === null
          ? null
          : leads.prior * pickShape('leads', key).share;
    const volume: Driver = {
      driver: 'volume',
      index: expectedLeads === null ? null : ratio(leads.actual, expectedLeads),
      actual: leads.actual,
      expected: expectedLeads,
    };
    if (metric === 'leads') return [volume];
    const conversionDriver = (name: DriverName, c: CurveRow): Driver => ({
      driver: name,
      index: quality(c),
      actual: c.observed,
      expected: c.expected,
    });
    const l = lag.get(key);
    const speed: Driver = {
      driver: 'speed',
      index:
        l?.currentMedianDays == null || !l.historyMedianDays
          ? null
          : l.currentMedianDays / l.historyMedianDays,
      actual: l?.currentMedianDays ?? null,
      expected: l?.historyMedianDays ?? null,
    };
    const list = [volume, conversionDriver('conversion', curve('salesReady', key)), speed];
    if (metric === 'pipeline' || metric === 'revenue')
      list.push(conversionDriver('opportunityRate', curve('opportunity', key)));
    if (metric === 'revenue') list.push(conversionDriver('winRate', curve('won', key)));
    return list;
  }

  function explain(overallTarget: number, rows: SourcePacing[]): GapExplained {
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

  function closingFor(metric: PacingMetric, overall: PacingFigures, explained: GapExplained): Closing | null {
    if (overall.target === null || w.daysRemaining === 0) return null;
    const weeks = w.daysRemaining / 7;
    const feeder = feeders[metric];
    const yieldOf = (key: number): number | null => {
      switch (metric) {
        case 'salesReady':
          return curve('salesReady', key).yield;
        case 'pipeline': {
          const c = curve('opportunity', key);
          return c.yield * (c.meanAmount ?? curves.opportunity.get(-1)?.meanAmount ?? 0);
        }
        case 'revenue':
          return curve('won', key).yield;
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
      feederPerWeek: feederPerWeek(gap / weeks, -1),
      sources: explained.rows
        .filter((r) => r.gap > 0 && r.basis !== 'unallocated')
        .map((r) => {
          const key = r.sourceId ?? 0;
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

  const revenueTarget = targetsApply && !sourceFiltered ? (won.nextRevenueTarget ?? null) : null;
  const coverageNeeded = won.winRate ? 1 / won.winRate : null;
  const requiredPipeline =
    revenueTarget !== null && coverageNeeded !== null ? revenueTarget * coverageNeeded : null;
  return {
    quarter: w.quarter,
    asOf: w.asOf,
    timezone: w.timezone,
    closed,
    daysElapsed: w.daysElapsed,
    daysInQuarter: w.daysInQuarter,
    weeksRemaining: w.weeksRemaining,
    history: { quarters: w.history.map((q) => q.label), shape: linear ? 'linear' : 'historical' },
    metrics,
    nextQuarter: {
      quarter: w.next.label,
      openPipelineNow: startingPipeline.open,
      startingPipeline: startingPipeline.still,
      revenueTarget,
      winRate: won.winRate,
      coverageNeeded,
      requiredPipeline,
      coverage: revenueTarget ? startingPipeline.still / revenueTarget : null,
      shortfall: requiredPipeline === null ? null : requiredPipeline - startingPipeline.still,
    },
  };
}

function causesOf(drivers: Driver[]): DriverName[] {
  const severity = (d: Driver): number => {
    if (d.index === null) return 0;
    if (d.driver === 'speed') return d.index > slowIndex ? 1 - 1 / d.index : 0;
    return d.index < shortfallIndex ? 1 - d.index : 0;
  };
  return drivers
    .map((d) => ({ d: d.driver, s: severity(d) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s)
    .map((x) => x.d);
}

function sumOrNull(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function indexShapes(rows: ShapeRow[]): Map<PacingMetric, Map<number, ShapeRow>> {
  const out = new Map<PacingMetric, Map<number, ShapeRow>>();
  for (const r of rows) {
    if (!out.has(r.metric)) out.set(r.metric, new Map());
    out.get(r.metric)!.set(r.sourceKey, r);
  }
  return out;
}

function emptyShape(metric: PacingMetric, key: number): ShapeRow {
  return {
    metric,
    sourceKey: key,
    actual: 0,
    actualWindow: 0,
    quarters: 0,
    share: null,
    windowShare: null,
    prior: null,
    historyTotal: 0,
    spreadLow: null,
    spreadHigh: null,
    sameQuarters: 0,
    sameShare: null,
    sameWindowShare: null,
  };
}

function noFunnel(key: number): Partial<CurveRow> {
  return {
    sourceKey: key,
    openCurrent: 0,
    openOlder: 0,
    expectedCurrent: 0,
    expectedOlder: 0,
    expectedAmountCurrent: 0,
    expectedAmountOlder: 0,
    openAmount: 0,
    stillOpenAmount: 0,
    observed: 0,
    expected: 0,
  };
}

function emptyCurve(key: number): CurveRow {
  return {
    sourceKey: key,
    openCurrent: 0,
    openOlder: 0,
    expectedCurrent: 0,
    expectedOlder: 0,
    expectedAmountCurrent: 0,
    expectedAmountOlder: 0,
    openAmount: 0,
    stillOpenAmount: 0,
    yield: 0,
    openYield: 0,
    eventualRate: null,
    observed: 0,
    expected: 0,
    meanAmount: null,
    unitWeight: 1,
  };
}

interface TargetRow {
  metric: string;
  sourceId: number | null;
  value: number;
}
interface SourceRow {
  id: number;
  name: string;
  category: SourceCategory;
}
interface WonRow {
  winRate: number | null;
  nextRevenueTarget: number | null;
}

/**
 * The queries. From the rollups each is small, so they run together (a pooled server answers them at
 * once; PGlite in turn); from the raw rows, one after another, as they each scan many leads.
 */
async function gather(db: Database, w: PacingWindow, filter: MetricFilter, options: FigureOptions) {
  // Days and sources from the rollups when they can answer; the curves' ends only as of today.
  const rollups = await rollupsServe(db, filter, options);
  const settled = rollups && (await settledBefore(db, w));
  const transitionNames = ['salesReady', 'opportunity', 'won', 'closed'] as const;
  const curvesOf = (t: Transition) => funnelCurves(db, w, filter, t, settled);
  const [shapes, lags, curveRows] = settled
    ? await Promise.all([
        quarterShapes(db, w, filter, rollups),
        salesReadyLag(db, w, filter, rollups),
        Promise.all(transitionNames.map(curvesOf)),
      ])
    : [
        await quarterShapes(db, w, filter, rollups),
        await salesReadyLag(db, w, filter, rollups),
        await inTurn(transitionNames, curvesOf),
      ];
  const curveSets = Object.fromEntries(transitionNames.map((t, i) => [t, curveRows[i]!])) as Record<
    Transition,
    CurveRow[]
  >;
  const targetRows = await selectRows<TargetRow>(
    db,
    sql`select metric, source_id as "sourceId", value::float8 as value from targets where quarter = ${w.quarter.label}`,
  );
  const ids = filter.sourceIds?.length ? `{${filter.sourceIds.join(',')}}` : null;
  const categories = filter.categories?.length ? `{${filter.categories.join(',')}}` : null;
  const sourceRows = await selectRows<SourceRow>(
    db,
    sql`select id, name, category from sources
      where (${ids}::int[] is null or id = any(${ids}::int[]))
        and (${categories}::text[] is null or category = any(${categories}::text[]))`,
  );
  const [won] = await selectRows<WonRow>(db, winRateQuery(w, filter));
  return [
    shapes,
    lags,
    curveSets,
    targetRows,
    sourceRows,
    won ?? { winRate: null, nextRevenueTarget: null },
  ] as const;
}

/** `run` over each item, one after another. */
async function inTurn<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await run(item));
  return out;
}

function winRateQuery(w: PacingWindow, filter: MetricFilter) {
  const oldest = w.history[w.history.length - 1] ?? w.quarter;
  const lo = sql`(${oldest.from}::date::timestamp at time zone ${w.timezone})`;
  const c = sql`(${w.cutoffDate}::date::timestamp at time zone ${w.timezone})`;
  // Opportunities closed in the history window, by amount; a lead's filter applies as elsewhere.
  return sql`
    select
      (select (sum(l.amount) filter (where l.won_at is not null))::float8 / nullif(sum(l.amount), 0)::float8
         from leads l
         where l.opportunity_at >= ${lo} - make_interval(days => ${maxOpenDays}::int) and l.opportunity_at < ${c}
           and l.amount is not null
           and ((l.won_at >= ${lo} and l.won_at < ${c}) or (l.won_at is null and l.lost_at >= ${lo} and l.lost_at < ${c}))
           and ${leadConditions(filter)}) as "winRate",
      (select value::float8 from targets
         where quarter = ${w.next.label} and metric = 'revenue' and source_id is null) as "nextRevenueTarget"`;
}
