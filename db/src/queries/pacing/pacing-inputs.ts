import { type SQL, sql } from 'drizzle-orm';
import { type Database, selectRows } from '../../client';
import { type FigureOptions, rollupsServe } from '../../rollups/rollups';
import type { SourceCategory } from '../../schema/sources';
import { leadConditions, type MetricFilter } from '../filter';
import { type CurveRow, funnelCurves, maxOpenDays, settledBefore, type Transition } from './funnel-curves';
import {
  ALL_SOURCES,
  clamp,
  NO_SOURCE,
  NO_SOURCE_NAME,
  QUALITY_CREDIBILITY,
  QUALITY_MAX,
  QUALITY_MIN,
} from './pacing-model';
import { minShapeQuarters, type PacingWindow } from './pacing-window';
import {
  type LagRow,
  type PacingMetric,
  quarterShapes,
  runRateDays,
  type ShapeRow,
  salesReadyLag,
} from './quarter-shapes';
import { nothingWaiting } from './survival-curves';

/** A row of the answer: a source in view, or the leads without one (`key` = NO_SOURCE). */
export interface SourceInfo {
  key: number;
  sourceId: number | null;
  name: string;
  category: SourceCategory | null;
}

/** Share of the quarter's final usually reached by now, and in the trailing run-rate window. */
export interface Shape {
  share: number;
  windowShare: number;
}

/**
 * What the pacing model reads, indexed, with the lookups every part shares. Keys are source ids,
 * NO_SOURCE or ALL_SOURCES.
 */
export interface PacingInputs {
  w: PacingWindow;
  sources: SourceInfo[];
  /** Fewer than `minShapeQuarters` history quarters with leads: shares are linear in the days. */
  linear: boolean;
  /** Targets apply (no segment, country or owner filter) and the view is not narrowed to some sources. */
  targetsApply: boolean;
  sourceFiltered: boolean;
  winRate: number | null;
  /** Of the pipeline open at the start of the history quarters, the share (by amount) still open at their end. */
  slippage: number | null;
  nextRevenueTarget: number | null;
  target(metric: PacingMetric, key: number): number | null;
  shape(metric: PacingMetric, key: number): Shape;
  row(metric: PacingMetric, key: number): ShapeRow;
  curve(t: Transition, key: number): CurveRow;
  /** Mean opportunity amount of a source's curve, else of all sources'. */
  meanAmount(c: CurveRow): number;
  /** This quarter's conversion against history's (1 = as usual), credibility-weighted and clipped. */
  quality(c: CurveRow): number;
  lag(key: number): LagRow | undefined;
}

const targetMetricNames: Record<string, PacingMetric> = {
  leads: 'leads',
  sales_ready: 'salesReady',
  pipeline: 'pipeline',
  revenue: 'revenue',
};

export async function readPacingInputs(
  db: Database,
  w: PacingWindow,
  filter: MetricFilter,
  options: FigureOptions,
): Promise<PacingInputs> {
  const [shapes, lags, curveSets, targetRows, sourceRows, won] = await gather(db, w, filter, options);
  const shapeIndex = indexShapes(shapes);
  const lagIndex = new Map(lags.map((r) => [r.sourceKey, r]));
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
  const sources = sourcesInView(shapes, curveSets, sourceRows, targetRows);

  const target = (metric: PacingMetric, key: number): number | null =>
    key === ALL_SOURCES
      ? sourceFiltered
        ? sumOrNull(
            sources.map((s) => (s.sourceId === null ? null : (ownTarget.get(`${metric}:${s.key}`) ?? null))),
          )
        : (overallTarget.get(metric) ?? null)
      : (ownTarget.get(`${metric}:${key}`) ?? null);

  const linear = (shapeIndex.get('leads')?.get(ALL_SOURCES)?.quarters ?? 0) < minShapeQuarters;
  const days = w.daysInQuarter;
  const elapsed = w.daysElapsed;
  const linearShape: Shape = {
    share: elapsed / days,
    windowShare: (elapsed - Math.max(0, elapsed - runRateDays)) / days,
  };
  const shape = (metric: PacingMetric, key: number): Shape => {
    if (linear) return linearShape;
    const own = shapeIndex.get(metric)?.get(key);
    const all = shapeIndex.get(metric)?.get(ALL_SOURCES);
    const best = own && own.quarters >= minShapeQuarters ? own : all;
    if (!best || best.quarters < minShapeQuarters || best.share === null) return linearShape;
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
    shapeIndex.get(metric)?.get(key) ?? emptyShape(metric, key);
  // A source without a curve of its own follows all sources', with nothing waiting in its funnel.
  const curve = (t: Transition, key: number): CurveRow =>
    curves[t].get(key) ?? { ...(curves[t].get(ALL_SOURCES) ?? emptyCurve(key)), ...noFunnel(key) };
  const meanAmount = (c: CurveRow) => c.meanAmount ?? curves.opportunity.get(ALL_SOURCES)?.meanAmount ?? 0;
  const quality = (c: CurveRow) => {
    const k = QUALITY_CREDIBILITY * c.unitWeight;
    return clamp((c.observed + k) / (c.expected + k), QUALITY_MIN, QUALITY_MAX);
  };
  return {
    w,
    sources,
    linear,
    targetsApply,
    sourceFiltered,
    winRate: won.winRate,
    slippage: won.slippage,
    nextRevenueTarget: won.nextRevenueTarget,
    target,
    shape,
    row,
    curve,
    meanAmount,
    quality,
    lag: (key) => lagIndex.get(key),
  };
}

/** Every source in view with data or a target, then the leads that have none. */
function sourcesInView(
  shapes: ShapeRow[],
  curveSets: Record<Transition, CurveRow[]>,
  sourceRows: SourceRow[],
  targetRows: TargetRow[],
): SourceInfo[] {
  const keys = new Set<number>();
  for (const rows of [shapes, ...Object.values(curveSets)]) {
    for (const r of rows) if (r.sourceKey !== ALL_SOURCES) keys.add(r.sourceKey);
  }
  const inView = new Map(sourceRows.map((s) => [s.id, s]));
  for (const s of sourceRows) if (targetRows.some((t) => t.sourceId === s.id)) keys.add(s.id);
  const out: SourceInfo[] = [];
  const ordered = [...keys].sort((a, b) => (a === NO_SOURCE ? 1 : b === NO_SOURCE ? -1 : a - b));
  for (const k of ordered) {
    if (k === NO_SOURCE) {
      out.push({ key: k, sourceId: null, name: NO_SOURCE_NAME, category: null });
      continue;
    }
    const s = inView.get(k);
    if (s) out.push({ key: k, sourceId: k, name: s.name, category: s.category });
  }
  return out;
}

function sumOrNull(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
}

function indexShapes(rows: ShapeRow[]): Map<PacingMetric, Map<number, ShapeRow>> {
  const out = new Map<PacingMetric, Map<number, ShapeRow>>();
  for (const r of rows) {
    let byKey = out.get(r.metric);
    if (!byKey) {
      byKey = new Map();
      out.set(r.metric, byKey);
    }
    byKey.set(r.sourceKey, r);
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

const emptyFunnel = { ...nothingWaiting, observed: 0, expected: 0 };

function noFunnel(key: number): Partial<CurveRow> {
  return { sourceKey: key, ...emptyFunnel };
}

function emptyCurve(key: number): CurveRow {
  return {
    sourceKey: key,
    ...emptyFunnel,
    yield: 0,
    openYield: 0,
    eventualRate: null,
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
  slippage: number | null;
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
  const ids = filter.sourceIds?.length ? `{${filter.sourceIds.join(',')}}` : null;
  const categories = filter.categories?.length ? `{${filter.categories.join(',')}}` : null;
  const small = () =>
    Promise.all([
      selectRows<TargetRow>(
        db,
        sql`select metric, source_id as "sourceId", value::float8 as value from targets where quarter = ${w.quarter.label}`,
      ),
      selectRows<SourceRow>(
        db,
        sql`select id, name, category from sources
          where (${ids}::int[] is null or id = any(${ids}::int[]))
            and (${categories}::text[] is null or category = any(${categories}::text[]))`,
      ),
      selectRows<WonRow>(db, winRateQuery(w, filter)),
    ]);
  const [shapes, lags, curveRows, [targetRows, sourceRows, [won]]] = settled
    ? await Promise.all([
        quarterShapes(db, w, filter, rollups),
        salesReadyLag(db, w, filter, rollups),
        Promise.all(transitionNames.map(curvesOf)),
        small(),
      ])
    : [
        await quarterShapes(db, w, filter, rollups),
        await salesReadyLag(db, w, filter, rollups),
        await inTurn(transitionNames, curvesOf),
        await small(),
      ];
  const curveSets = Object.fromEntries(transitionNames.map((t, i) => [t, curveRows[i] ?? []])) as Record<
    Transition,
    CurveRow[]
  >;
  return [
    shapes,
    lags,
    curveSets,
    targetRows,
    sourceRows,
    won ?? { winRate: null, slippage: null, nextRevenueTarget: null },
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
      ${slippageQuery(w, filter)} as "slippage",
      (select value::float8 from targets
         where quarter = ${w.next.label} and metric = 'revenue' and source_id is null) as "nextRevenueTarget"`;
}

/**
 * Slippage: of the opportunities open at the start of each history quarter (amount known, not gone cold),
 * the share by amount still open (neither won, lost nor disqualified) at its end, over all of them. Null
 * without history.
 */
function slippageQuery(w: PacingWindow, filter: MetricFilter) {
  if (w.history.length === 0) return sql`null::float8`;
  const at = (day: string) => sql`(${day}::date::timestamp at time zone ${w.timezone})`;
  const quarters = sql.join(
    w.history.map((h) => sql`(${at(h.from)}, ${at(h.to)})`),
    sql`, `,
  );
  const closedBefore = (instant: SQL) =>
    sql`(coalesce(l.won_at < ${instant}, false) or coalesce(l.lost_at < ${instant}, false)
      or coalesce(l.disqualified_at < ${instant}, false))`;
  return sql`(select (sum(l.amount) filter (where not ${closedBefore(sql`h.q_to`)}))::float8
         / nullif(sum(l.amount), 0)::float8
       from (values ${quarters}) as h (q_from, q_to)
       join leads l on l.opportunity_at < h.q_from
         and l.opportunity_at >= h.q_from - make_interval(days => ${maxOpenDays}::int)
         and not ${closedBefore(sql`h.q_from`)}
       where l.amount is not null and ${leadConditions(filter)})`;
}
